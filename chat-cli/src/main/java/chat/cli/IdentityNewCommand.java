package chat.cli;

import chat.crypto.IdentityKeyPair;
import chat.crypto.KeyFile;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chat identity new}: generates an identity (RSA and Ed25519 keys, self-signed bundle) and
 * writes {@code identity.key} (encrypted under a passphrase) and {@code identity.pub}.
 */
@Command(
    name = "new",
    description = {
      "Generate a new identity.",
      "Writes DIR/identity.key (private keys, encrypted under a passphrase) and DIR/identity.pub"
          + " (your public bundle). The passphrase is asked twice on the terminal, or taken from"
          + " CHAT_PASSPHRASE."
    })
final class IdentityNewCommand implements Callable<Integer> {
  /**
   * The rule for user ids chosen here, for offline identities: the characters of a relay username
   * (and its case), though a relay also asks for a letter first and refuses names that read as
   * "you".
   */
  static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9_.-]{3,32}");

  private final CliContext context;

  @Spec CommandSpec spec;

  @Mixin HomeOption home;

  @Option(
      names = "--user",
      paramLabel = "NAME",
      description = "user id: 3-32 of A-Z a-z 0-9 _ . - (default: your login name, if it fits)")
  String user;

  @Option(
      names = "--rsa-bits",
      paramLabel = "BITS",
      defaultValue = "3072",
      description = "RSA key size, 3072 or 4096 (default: ${DEFAULT-VALUE})")
  int rsaBits;

  @Option(names = "--force", description = "replace an existing identity (its private key is lost)")
  boolean force;

  IdentityNewCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    String userId = userId();
    if (rsaBits != 3072 && rsaBits != 4096) {
      throw new CommandException.Usage("--rsa-bits must be 3072 or 4096");
    }
    IdentityHome target = home.home();
    if (target.hasIdentity() && !force) {
      throw new CommandException.Usage(
          target.dir()
              + " already holds an identity; add --force to replace it (the old private"
              + " key will be lost)");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (Passphrase passphrase =
        new Passphrases(context).fresh(Passphrases.ENV_PASSPHRASE, "the new identity")) {
      IdentityKeyPair identity =
          IdentityKeyPair.generate(userId, rsaBits, context.random(), context.clock());
      try {
        byte[] keyFile =
            KeyFile.seal(identity, passphrase.chars(), context.kdfParameters(), context.random());
        target.create(identity.bundle(), keyFile);
      } finally {
        identity.destroy();
      }
      out.println("created identity " + userId + " in " + target.dir());
      out.println("  " + target.publicFile() + "  public: give it to your contacts");
      out.println("  " + target.keyFile() + "  private, encrypted: keep it and its passphrase");
      out.println("fingerprint: " + identity.bundle().fingerprint().toDisplayString());
    }
    if (PrivateFiles.isShared(target.dir())) {
      spec.commandLine()
          .getErr()
          .println("chat: warning: " + target.dir() + " is readable by others; chmod 700 it");
    }
    out.flush();
    return ExitCode.OK.code();
  }

  private String userId() {
    if (user != null) {
      if (!USER_ID.matcher(user).matches()) {
        throw new CommandException.Usage(
            "invalid --user '"
                + TerminalSafe.typed(user)
                + "': use 3 to 32 characters from A-Z a-z 0-9 _ . -");
      }
      return user;
    }
    String login = context.loginName();
    if (!USER_ID.matcher(login).matches()) {
      throw new CommandException.Usage(
          "your login name '"
              + TerminalSafe.typed(login)
              + "' is not a valid user id (3 to 32 of A-Z a-z 0-9 _ . -); choose one with --user NAME");
    }
    return login;
  }
}
