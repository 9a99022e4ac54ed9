package chat.cli;

import chat.cli.client.ChatClient;
import chat.cli.client.MemberRole;
import chat.cli.client.MemberView;
import chat.cli.command.SocialLines;
import chat.cli.command.TrustText;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code chat members [ROOM|@USER]}: who is in a conversation, online, away or offline, their role
 * in a group, and key trust.
 */
@Command(
    name = "members",
    aliases = {"who"},
    description =
        "List the members of a room (default: lobby), with presence, group role and key trust.")
final class MembersCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin RelayOptions relay;

  @Parameters(arity = "0..1", paramLabel = "ROOM|@USER", description = "default: lobby")
  String target;

  MembersCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    HistoryCommand.checkTarget(target);
    RelayCommandSupport support = new RelayCommandSupport(context, spec, relay);
    try (ChatClient client = support.loggedIn(false)) {
      for (MemberView member : client.members(HistoryCommand.resolve(client, target))) {
        if (support.options().json()) {
          // As the relay listed it just now: it lists only the mutes in force by its clock.
          boolean muted = member.muted();
          var node =
              JsonLines.object("member")
                  .put("user", member.username())
                  .put("online", member.online())
                  .put("trust", member.trust().name())
                  .put("status", member.presence().status().name())
                  .put("role", member.role().name())
                  .put("muted", muted)
                  .put(
                      "mutedUntil",
                      muted && member.mutedUntil() != null
                          ? JsonLines.time(member.mutedUntil())
                          : "");
          if (!member.presence().message().isEmpty()) {
            node.put("message", member.presence().message());
          }
          support.out().println(JsonLines.line(node));
        } else {
          String role = member.role() == MemberRole.MEMBER ? "" : "  " + member.role().name();
          String muted = SocialLines.mutedAsListed(member);
          support
              .out()
              .printf(
                  "%-32s %-8s %s%s%s%s%n",
                  TerminalSafe.line(member.username()),
                  member.presence().status().name().toLowerCase(Locale.ROOT),
                  TrustText.of(member.trust()),
                  role.toLowerCase(Locale.ROOT),
                  muted.isEmpty() ? "" : "  " + muted,
                  member.presence().message().isEmpty()
                      ? ""
                      : "  (" + TerminalSafe.line(member.presence().message()) + ")");
        }
      }
      return 0;
    }
  }
}
