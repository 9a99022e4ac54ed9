package chat.cli;

import chat.cli.client.ChatClient;
import chat.cli.client.InputRules;
import chat.cli.command.AccountText;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code chat passwd}: changes the account password on the relay and ends every other session of
 * the account.
 */
@Command(
    name = "passwd",
    description = {
      "Change your account password on the relay. Every other session of the account ends"
          + " (other devices, and anyone who logged in with the old password, must log in again"
          + " with the new one); this machine's session stays. The current password comes from"
          + " --password-file, CHAT_PASSWORD or a prompt, the new one from CHAT_NEW_PASSWORD or"
          + " two prompts (at least 8 characters). Your keys and their passphrase do not change"
          + " ('chat keys passwd' changes the passphrase)."
    })
final class PasswdCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin RelayOptions relay;

  PasswdCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    RelayCommandSupport support = new RelayCommandSupport(context, spec, relay);
    String user = support.options().requireUser(context);
    Secrets secrets = support.secrets();
    char[] password = null;
    char[] newPassword = null;
    try (ChatClient client = support.client(false)) {
      support.reachableBeforePrompting(client, user, true);
      password = secrets.password(user);
      newPassword = secrets.newPassword(user);
      char[] chosenPassword = newPassword; // checked before the key passphrase is asked
      support.sayingWhere(() -> InputRules.requireNewPassword(chosenPassword));
      support.loggedIn(client, password);
      char[] current = password;
      char[] chosen = newPassword;
      return support.change(
          client,
          "the password was changed",
          c -> {
            int ended;
            try {
              ended = c.changePassword(current, chosen);
            } catch (RuntimeException e) {
              throw secrets.sayWhere(e); // the current password, from a file or the environment
            }
            String name = c.username().orElse(user);
            support.result(
                JsonLines.object("password_changed").put("user", name).put("sessionsEnded", ended),
                AccountText.passwordChanged(name, ended));
            return 0;
          });
    } finally {
      if (password != null) {
        Arrays.fill(password, '\0');
      }
      if (newPassword != null) {
        Arrays.fill(newPassword, '\0');
      }
    }
  }
}
