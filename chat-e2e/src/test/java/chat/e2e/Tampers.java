package chat.e2e;

import chat.crypto.Bytes;
import chat.crypto.IdentityBundle;
import chat.e2e.HostileRelay.Link;
import chat.e2e.HostileRelay.Tamper;
import chat.protocol.BundleReply;
import chat.protocol.BundlesReply;
import chat.protocol.Frame;
import chat.protocol.MemberInfo;
import chat.protocol.MembersReply;
import chat.protocol.UserBundle;
import java.util.ArrayList;
import java.util.List;

/** Rewriting rules for {@link HostileRelay} that more than one scenario could use. */
final class Tampers {
  private Tampers() {}

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
