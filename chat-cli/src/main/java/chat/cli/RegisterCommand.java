package chat.cli;

import chat.cli.client.ChatClient;
import chat.cli.client.InputRules;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code chat register}: creates your identity and your account on the relay, then logs in. */
@Command(
    name = "register",
    description = {
      "Create your identity (keys) and an account on the relay, and log in.",
      "The password (typed twice, or from --password-file / CHAT_PASSWORD) is for the relay;"
          + " the key passphrase (typed twice, or from --passphrase-file / CHAT_PASSPHRASE) seals"
          + " your private keys and their backup on the relay, and is never sent."
    })
final class RegisterCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin RelayOptions relay;

  RegisterCommand(CliContext context) {
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
      client.checkRegistrable(user); // before anything is asked for or the relay reached
      boolean checked = secrets.wouldPrompt(true);
      if (checked) {
        client.checkNameFree(user); // a taken name is said before anything is typed
      }
      password = secrets.fresh(options.passwordFile, Secrets.ENV_PASSWORD, "password for " + user);
      passphrase =
          secrets.fresh(
              options.passphraseFile,
              Passphrases.ENV_PASSPHRASE,
              "passphrase for " + user + "'s private keys");
      char[] chosenPassword = password;
      char[] chosenPassphrase = passphrase;
      support.sayingWhere(
          () -> {
            if (!checked && !client.hasIdentity(user)) {
              // Secrets from files or variables: checked as the registration checks them, then the
              // name, before keys are made for nothing (and a profile folder left holding only the
              // relay's pin). Keys kept in the profile are not made again: the registration then
              // says more of a taken name (that this device keeps keys for it).
              InputRules.requireNewPassword(chosenPassword);
              InputRules.requireNewPassphrase(chosenPassphrase);
              client.checkNameFree(user);
            }
            // an identity already in the profile is unlocked with the passphrase
            client.register(user, chosenPassword, chosenPassphrase);
          },
          true);
      String fingerprint = client.fingerprint(user).toDisplayString();
      if (options.json()) {
        support
            .out()
            .println(
                JsonLines.line(
                    JsonLines.object("registered")
                        .put("user", user)
                        .put("server", client.serverAddress())
                        .put("fingerprint", fingerprint.replace(" ", ""))));
      } else {
        support
            .out()
            .println("registered " + user + " on " + client.serverAddress() + " and logged in");
        support.out().println("fingerprint: " + fingerprint);
      }
      return 0;
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
