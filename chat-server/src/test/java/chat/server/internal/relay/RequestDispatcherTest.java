package chat.server.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.protocol.CheckUsernameRequest;
import chat.protocol.EndSessionRequest;
import chat.protocol.FileChunkRequest;
import chat.protocol.FileDeleteRequest;
import chat.protocol.FileDownloadRequest;
import chat.protocol.FileFinishRequest;
import chat.protocol.FileStatusRequest;
import chat.protocol.FileUploadRequest;
import chat.protocol.FriendUpdateRequest;
import chat.protocol.GroupCreateRequest;
import chat.protocol.GroupDisbandRequest;
import chat.protocol.GroupMemberRequest;
import chat.protocol.GroupRenameRequest;
import chat.protocol.HelloRequest;
import chat.protocol.ListBansRequest;
import chat.protocol.ListFriendsRequest;
import chat.protocol.ListSessionsRequest;
import chat.protocol.LoginRequest;
import chat.protocol.PingRequest;
import chat.protocol.PongReply;
import chat.protocol.RegisterRequest;
import chat.protocol.Request;
import chat.protocol.ResumeRequest;
import chat.protocol.SendRequest;
import chat.protocol.SetPresenceRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@link RequestDispatcher}'s table of routes: every request kind the protocol has is routed
 * exactly once, with the requirement its kind has; the refusals themselves are in {@link
 * RequirementTest} and, through a relay, in {@code RequestRefusalOrderTest}.
 */
class RequestDispatcherTest {
  /** The kinds allowed before login; hello needs nothing at all. */
  private static final Set<Class<? extends Request>> BEFORE_LOGIN =
      Set.of(
          PingRequest.class,
          RegisterRequest.class,
          CheckUsernameRequest.class,
          LoginRequest.class,
          ResumeRequest.class);

  /** The kinds only wire version 2 has: files, friends, groups, presence, sessions. */
  private static final Set<Class<? extends Request>> VERSION_2 =
      Set.of(
          FileUploadRequest.class,
          FileChunkRequest.class,
          FileFinishRequest.class,
          FileStatusRequest.class,
          FileDownloadRequest.class,
          FileDeleteRequest.class,
          FriendUpdateRequest.class,
          ListFriendsRequest.class,
          SetPresenceRequest.class,
          GroupCreateRequest.class,
          GroupMemberRequest.class,
          GroupRenameRequest.class,
          GroupDisbandRequest.class,
          ListSessionsRequest.class,
          EndSessionRequest.class,
          ListBansRequest.class);

  /** Every concrete request class, as the protocol's sealed {@link Request} permits them. */
  private static List<Class<?>> concreteRequests() {
    List<Class<?>> found = new ArrayList<>();
    List<Class<?>> open = new ArrayList<>(List.of(Request.class));
    while (!open.isEmpty()) {
      Class<?> next = open.remove(open.size() - 1);
      if (next.isSealed()) {
        open.addAll(List.of(next.getPermittedSubclasses()));
      } else {
        found.add(next);
      }
    }
    return found;
  }

  @Test
  void routes_everyConcreteRequestKind_hasExactlyOneRoute() {
    List<Class<?>> kinds = concreteRequests();
    assertThat(kinds).hasSizeGreaterThan(30).doesNotHaveDuplicates();
    assertThat(new ArrayList<Class<?>>(RequestDispatcher.ROUTES.kinds()))
        .containsExactlyInAnyOrderElementsOf(kinds);
  }

  @Test
  void routes_requirementOfEachKind_isItsKindsLevel() {
    Map<Class<? extends Request>, Requirement> actual =
        RequestDispatcher.ROUTES.kinds().stream()
            .collect(
                Collectors.toMap(
                    kind -> kind,
                    kind -> RequestDispatcher.ROUTES.route(kind).orElseThrow().requirement()));
    for (Map.Entry<Class<? extends Request>, Requirement> route : actual.entrySet()) {
      Class<? extends Request> kind = route.getKey();
      Requirement expected =
          kind == HelloRequest.class
              ? Requirement.NOTHING
              : BEFORE_LOGIN.contains(kind)
                  ? Requirement.HELLO
                  : VERSION_2.contains(kind) ? Requirement.SOCIAL : Requirement.SESSION;
      assertThat(route.getValue()).as(kind.getSimpleName()).isEqualTo(expected);
    }
  }

  @Test
  void pipelined_onlyASend() {
    for (Class<? extends Request> kind : RequestDispatcher.ROUTES.kinds()) {
      assertThat(RequestDispatcher.ROUTES.route(kind).orElseThrow().pipelined())
          .as(kind.getSimpleName())
          .isEqualTo(kind == SendRequest.class);
    }
  }

  @Test
  void builder_secondRouteForAKind_isRefused() {
    RequestTable.Builder builder =
        RequestTable.builder().reply(PingRequest.class, Requirement.HELLO, (d, c, r) -> null);
    assertThatThrownBy(
            () ->
                builder.reply(
                    PingRequest.class, Requirement.NOTHING, (d, c, r) -> new PongReply(r.id())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PingRequest");
  }
}
