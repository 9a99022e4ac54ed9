package chat.e2e;

import chat.crypto.Bytes;
import chat.crypto.IdentityBundle;
import chat.e2e.HostileRelay.Link;
import chat.e2e.HostileRelay.Tamper;
import chat.protocol.BundleReply;
import chat.protocol.BundlesReply;
import chat.protocol.Frame;
import chat.protocol.HelloRequest;
import chat.protocol.MemberInfo;
import chat.protocol.MembersReply;
import chat.protocol.MembershipEvent;
import chat.protocol.UserBundle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Rewriting rules for {@link HostileRelay} that more than one scenario could use. */
final class Tampers {
  private Tampers() {}

  /**
   * A relay older than wire {@code version}: every hello offers only the versions below it. Each
   * frame a client sends is added to {@code sent}, so a test can tell that nothing newer went out.
   */
  static Tamper olderThan(int version, List<Frame> sent) {
    return new Tamper() {
      @Override
      public List<Frame> toRelay(Link link, Frame frame) {
        sent.add(frame);
        if (frame instanceof HelloRequest hello) {
          return List.of(
              new HelloRequest(
                  hello.id(),
                  hello.versions().stream().filter(v -> v < version).toList(),
                  hello.client()));
        }
        return List.of(frame);
      }
    };
  }

  /**
   * Never tells {@code victim} that {@code member} joined or left, and leaves {@code member} out of
   * the member lists it sends {@code victim} while {@code unlisted} says so: a relay that adds a
   * member silently, at the moment it chooses.
   */
  static Tamper hideMember(String victim, String member, BooleanSupplier unlisted) {
    return new Tamper() {
      @Override
      public List<Frame> toClient(Link link, Frame frame) {
        if (!link.username().filter(victim::equals).isPresent()) {
          return List.of(frame);
        }
        if (frame instanceof MembershipEvent event && event.username().equals(member)) {
          return List.of();
        }
        if (frame instanceof MembersReply reply && unlisted.getAsBoolean()) {
          List<MemberInfo> shown =
              reply.members().stream().filter(m -> !m.username().equals(member)).toList();
          return List.of(new MembersReply(reply.re(), reply.conversation(), shown));
        }
        return List.of(frame);
      }
    };
  }

  /** Serves {@code fake} as {@code fake.userId()}'s key to the link of {@code victim}. */
  static Tamper substituteKey(String victim, IdentityBundle fake) {
    String owner = fake.userId();
    Bytes encoded = Bytes.of(fake.encode());
    String fingerprint = fake.fingerprint().value().hex();
    return new Tamper() {
      @Override
      public List<Frame> toClient(Link link, Frame frame) {
        if (!link.username().filter(victim::equals).isPresent()) {
          return List.of(frame);
        }
        if (frame instanceof BundleReply reply && reply.username().equals(owner)) {
          return List.of(new BundleReply(reply.re(), owner, encoded));
        }
        if (frame instanceof BundlesReply reply) {
          List<UserBundle> bundles = new ArrayList<>();
          for (UserBundle entry : reply.bundles()) {
            bundles.add(entry.username().equals(owner) ? new UserBundle(owner, encoded) : entry);
          }
          return List.of(new BundlesReply(reply.re(), bundles));
        }
        if (frame instanceof MembersReply reply) {
          List<MemberInfo> members = new ArrayList<>();
          for (MemberInfo member : reply.members()) {
            members.add(
                member.username().equals(owner)
                    ? new MemberInfo(owner, member.online(), fingerprint)
                    : member);
          }
          return List.of(new MembersReply(reply.re(), reply.conversation(), members));
        }
        return List.of(frame);
      }
    };
  }
}
