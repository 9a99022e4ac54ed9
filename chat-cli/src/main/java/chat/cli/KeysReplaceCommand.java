package chat.cli;

import chat.cli.client.ChatClient;
import chat.cli.command.CommandWords;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code chat keys replace}: makes new identity keys for your account (a forgotten passphrase, a
 * leaked key), with the account password; contacts see the key as changed.
 */
@Command(
    name = "replace",
    description = {
      "Replace your identity keys: new keys under a new passphrase (typed twice, or from"
          + " --passphrase-file / CHAT_PASSPHRASE), published with your account password. The old"
          + " key file and its passphrase are not needed. The relay's encrypted backup is"
          + " replaced too, so 'chat login' elsewhere restores the new keys. Contacts see your"
          + " key as CHANGED until they accept it; messages sent to the old key can no longer"
          + " be read."
    })
final class KeysReplaceCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin RelayOptions relay;

  KeysReplaceCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    RelayCommandSupport support = new RelayCommandSupport(context, spec, relay);
    RelayOptions options = support.options();
    String user = options.requireUser(context);
    Secrets secrets = support.secrets();
    char[] password = null;
    char[] passphrase = null;
    try (ChatClient client = support.client(false)) {
      support.reachableBeforePrompting(client, user, true);
      password = secrets.password(user);
      passphrase =
          secrets.fresh(
              options.passphraseFile,
              Passphrases.ENV_PASSPHRASE,
              "passphrase for " + user + "'s new private keys");
      char[] accountPassword = password;
      char[] chosen = passphrase;
      return support.change(
          client,
          () -> client.saveState(user),
          "the keys were replaced",
          c -> {
            support.sayingWhere(() -> c.replaceKeys(user, accountPassword, chosen), true);
            String name = c.username().orElse(user);
            String fingerprint = c.fingerprint(name).toDisplayString();
            support.result(
                JsonLines.object("keys_replaced")
                    .put("user", name)
                    .put("fingerprint", fingerprint.replace(" ", "")),
                "replaced the keys of "
                    + name
                    + "; new fingerprint: "
                    + fingerprint
                    + "\ncontacts see your key as changed until they accept it ("
                    + CommandWords.SCRIPT.trust(name)
                    + ")");
            return 0;
          });
    } finally {
      if (password != null) {
        Arrays.fill(password, '\0');
      }
      if (passphrase != null) {
        Arrays.fill(passphrase, '\0');
      }
    }
  }
}
