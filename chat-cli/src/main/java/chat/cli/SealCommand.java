package chat.cli;

import chat.crypto.Armor;
import chat.crypto.Envelope;
import chat.crypto.EnvelopeSealer;
import chat.crypto.Identifiers;
import chat.crypto.IdentityBundle;
import chat.crypto.IdentityKeyPair;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chat seal}: encrypts a message to the given bundles and to yourself, and signs it, writing
 * one full envelope (binary, or armored with {@code -a}).
 */
@Command(
    name = "seal",
    description = {
      "Encrypt and sign a message to contacts' identity bundles.",
      "Reads the message (at most 1 MiB) from stdin or --in and seals it to every --to bundle"
          + " and to you. Writes one envelope to stdout or --out, binary unless --armor."
          + " Unlocks identity.key with CHAT_PASSPHRASE or a prompt."
    })
final class SealCommand implements Callable<Integer> {
  private final CliContext context;

  @Spec CommandSpec spec;

  @Mixin HomeOption home;

  @Option(
      names = "--to",
      paramLabel = "BUNDLE_FILE",
      converter = NonEmptyFile.class,
      description = "a recipient's identity bundle (repeat for more; you are always included)")
  List<Path> recipients = new ArrayList<>();

  @Option(
      names = "--conversation",
      paramLabel = "ID",
      defaultValue = "offline",
      description = "conversation id bound into the envelope (default: ${DEFAULT-VALUE})")
  String conversation;

  @Option(
      names = {"-a", "--armor"},
      description = "write the envelope as armored text")
  boolean armor;

  @Option(
      names = "--in",
      paramLabel = "FILE",
      converter = StdioFile.class,
      description = "read the message from FILE (- for stdin, the default)")
  Path in;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      converter = StdioFile.class,
      description = "write the envelope to FILE (- for stdout, the default)")
  Path out;

  @Option(names = "--force", description = "replace the --out FILE if it exists")
  boolean force;

  SealCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (!Identifiers.isValid(conversation)) {
      throw new CommandException.Usage(
          "invalid --conversation: 1 to 255 UTF-8 bytes without control characters");
    }
    if (!armor && DataOutput.toTerminal(context, out)) {
      throw new CommandException.Usage(
          "refusing to write a binary envelope to the terminal; use --armor or --out FILE"
              + (out == null ? "" : " (" + out + " leads to the terminal)"));
    }
    DataOutput.refuseSameFile(in, out);
    DataOutput.refuseExisting(out, force, "sealed.env");
    IdentityHome sender = home.home(); // a --home that is no folder: refused before reading
    List<IdentityBundle> bundles = new ArrayList<>();
    for (Path path : recipients) {
      bundles.add(BundleFiles.load(path));
    }
    byte[] plaintext =
        in == null
            ? FileIo.read(context.stdin(), Envelope.MAX_PLAINTEXT_BYTES)
            : FileIo.read(in, Envelope.MAX_PLAINTEXT_BYTES);
    if (plaintext.length > Envelope.MAX_PLAINTEXT_BYTES) {
      throw new CommandException.Usage("message larger than 1 MiB, the most one envelope holds");
    }
    byte[] keyFile = sender.keyFileBytes();
    IdentityKeyPair identity;
    try (Passphrase passphrase = new Passphrases(context).existing(sender.keyFile())) {
      identity = sender.unlock(keyFile, passphrase);
    }
    Envelope envelope;
    try {
      envelope =
          new EnvelopeSealer(context.random(), context.clock())
              .seal(identity, conversation, bundles, plaintext);
    } finally {
      identity.destroy();
    }
    byte[] encoded = envelope.encode();
    byte[] output =
        armor ? Armor.encode(Armor.ENVELOPE, encoded).getBytes(StandardCharsets.US_ASCII) : encoded;
    DataOutput.write(context, spec, out, output, false, force);
    return ExitCode.OK.code();
  }
}
