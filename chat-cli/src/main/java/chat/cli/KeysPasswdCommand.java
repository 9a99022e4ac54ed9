package chat.cli;

import chat.cli.client.ChatClient;
import chat.cli.command.AccountText;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code chat keys passwd}: changes the passphrase of your key file and of the relay's encrypted
 * backup of it, keeping the keys.
 */
@Command(
    name = "passwd",
    description = {
      "Change the passphrase of your private keys, here and in the relay's encrypted backup, so"
          + " that 'chat login' on another machine asks the new one. The keys stay the same;"
          + " contacts see no change. The account password (the relay asks it again to replace"
          + " the backup) comes from --password-file, CHAT_PASSWORD or a prompt, the current"
          + " passphrase from --passphrase-file, CHAT_PASSPHRASE or a prompt, the new one from"
          + " CHAT_NEW_PASSPHRASE or two prompts."
          + " After a leak, use 'chat keys replace' instead: whoever has the key file and the old"
          + " passphrase still has the keys."
    })
final class KeysPasswdCommand implements Callable<Integer> {
  /** What the failure of a change whose answer was lost says ({@code PendingText.UNCONFIRMED}). */
  private static final String UNSURE = "may or may not have taken the change";

  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin RelayOptions relay;

  KeysPasswdCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    RelayCommandSupport support = new RelayCommandSupport(context, spec, relay);
    String user = support.options().requireUser(context);
    char[] password = null;
    char[][] passphrase = {null};
    try (ChatClient client = support.client(false)) {
      support.reachableBeforePrompting(client, user, true);
      password = support.secrets().password(user);
      support.loggedIn(client, password);
      char[] accountPassword = password;
      return support.change(
          client,
          "the passphrase was changed",
          c -> {
            passphrase[0] = support.secrets().newPassphrase(user);
            support.sayingWhere(() -> c.changePassphrase(accountPassword, passphrase[0]));
            String name = c.username().orElse(user);
            support.result(
                JsonLines.object("passphrase_changed").put("user", name),
                AccountText.passphraseChanged(name));
            return 0;
          });
    } catch (CommandException.Network e) {
      if (e.getMessage() != null && e.getMessage().contains(UNSURE)) {
        throw e; // the change went out and its answer was lost: said so already
      }
      // lost before the change went out (while logging in, or before it was sent)
      CommandException.Network said =
          new CommandException.Network(
              e.getMessage() + "; the passphrase was not changed", e.getCause(), e.relayCode());
      said.addSuppressed(e); // its own trace for -v; the cause kept for what it tells (a pin)
      throw said;
    } finally {
      if (password != null) {
        Arrays.fill(password, '\0');
      }
      if (passphrase[0] != null) {
        Arrays.fill(passphrase[0], '\0');
      }
    }
  }
}
