package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.cli.CommandException;
import chat.protocol.ListMembersRequest;
import chat.protocol.MemberInfo;
import chat.protocol.MembersReply;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A relay's member list, walked page by page, ends: without a bound these would ask the relay for
 * ever.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MemberCachePagingTest {
  /** Members on one page, as many as a relay puts on one. */
  private static final int PAGE = 1000;

  @TempDir Path dir;

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final AtomicInteger asked = new AtomicInteger();
  private MembersRelay relay;

  @AfterEach
  void stop() throws IOException {
    timer.shutdownNow();
    relay.close();
  }

  private MemberCache cache(MembersRelay.Pages pages) throws IOException {
    relay =
        MembersRelay.paged(
            list -> {
              asked.incrementAndGet();
              return pages.answer(list);
            });
    return new MemberCache(
        () -> relay.connection,
        ContactStore.load(new Profile(dir).contacts()),
        Clock.systemUTC(),
        conversation -> conversation,
        (conversation, text) -> {},
        timer);
  }

  /** Pages of {@link #PAGE} members each, numbered on from the cursor, {@code total} in all. */
  private static MembersReply numbered(ListMembersRequest list, int total) {
    int from = list.after() == null ? 0 : Integer.parseInt(list.after().substring(1)) + 1;
    int to = Math.min(total, from + PAGE);
    List<MemberInfo> page = new ArrayList<>();
    for (int i = from; i < to; i++) {
      page.add(MembersRelay.member(name(i)));
    }
    String next = to < total ? name(to - 1) : null;
    return new MembersReply(list.id(), list.conversation(), page, next);
  }

  private static String name(int i) {
    return String.format("m%07d", i);
  }

  @Test
  void refresh_aListOfAsManyMembersAsAnEnvelopeHolds_isListedWhole() throws IOException {
    MemberCache cache = cache(list -> numbered(list, Pages.MAX_MEMBERS));

    assertThat(cache.refresh("#big")).hasSize(Pages.MAX_MEMBERS);
    assertThat(asked).hasValue(Pages.MAX_MEMBERS / PAGE);
  }

  @Test
  void refresh_pagesMovingForwardWithoutEnd_areRefusedPastThatMany() throws IOException {
    MemberCache cache = cache(list -> numbered(list, Integer.MAX_VALUE));

    assertThatThrownBy(() -> cache.refresh("#endless"))
        .isInstanceOf(CommandException.Network.class)
        .hasMessage(
            "the relay listed more than 10,000 members of #endless, more than a message can be"
                + " sealed to; the list is incomplete");
    assertThat(asked).hasValue(Pages.MAX_MEMBERS / PAGE + 1);
    assertThat(cache.cached("#endless")).isEmpty();
  }

  @Test
  void refresh_anEmptyPageNamingANextOne_isRefused() throws IOException {
    MemberCache cache =
        cache(
            list ->
                new MembersReply(
                    list.id(),
                    list.conversation(),
                    List.of(),
                    name(list.after() == null ? 0 : asked.get())));

    assertThatThrownBy(() -> cache.refresh("#empty"))
        .isInstanceOf(CommandException.Network.class)
        .hasMessageContaining("the list is incomplete");
    assertThat(asked).hasValue(1);
  }
}
