package chat.cli;

import chat.cli.command.MessageFormatter;
import chat.crypto.Armor;
import chat.crypto.AuthenticationException;
import chat.crypto.CryptoException;
import chat.crypto.Envelope;
import chat.crypto.EnvelopeHeader;
import chat.crypto.EnvelopeOpener;
import chat.crypto.IdentityBundle;
import chat.crypto.IdentityKeyPair;
import chat.crypto.MalformedDataException;
import chat.crypto.NotRecipientException;
import chat.crypto.OpenedMessage;
import chat.crypto.Recipient;
import chat.crypto.RecipientEnvelope;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chat open}: verifies and decrypts a full envelope from a known sender. Checks run cheapest
 * first, and the key file is unlocked only once the envelope is well-formed, names the expected
 * sender, is addressed to you and carries a valid signature: no private-key operation ever runs on
 * unauthenticated input. Nothing is written unless every check passes.
 */
@Command(
    name = "open",
    description = {
      "Verify and decrypt an envelope sealed to you.",
      "Reads an envelope (raw or armored) from stdin or --in, checks that the owner of the --from"
          + " bundle signed it, and writes the message to stdout or --out; who sent it goes to"
          + " stderr. Unlocks identity.key with CHAT_PASSPHRASE or a prompt."
    })
final class OpenCommand implements Callable<Integer> {
  /** Largest input read: 10,000 recipients and a 1 MiB message, armored, fit well under this. */
  static final int MAX_INPUT_BYTES = 16 * 1024 * 1024;

  private final CliContext context;

  @Spec CommandSpec spec;

  @Mixin HomeOption home;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "BUNDLE_FILE",
      converter = NonEmptyFile.class,
      description = "the sender's identity bundle; the envelope must be signed by it")
  Path from;

  @Option(
      names = "--in",
      paramLabel = "FILE",
      converter = StdioFile.class,
      description = "read the envelope from FILE (- for stdin, the default)")
  Path in;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      converter = StdioFile.class,
      description = "write the message to FILE (mode 0600; - for stdout, the default)")
  Path out;

  @Option(
      names = "--conversation",
      paramLabel = "ID",
      description =
          "refuse an envelope bound to any other conversation id (seal's --conversation; by"
              + " default any is opened, and named on stderr)")
  String conversation;

  @Option(names = "--force", description = "replace the --out FILE if it exists")
  boolean force;

  OpenCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    DataOutput.refuseSameFile(in, out);
    DataOutput.refuseExisting(out, force, "message.txt");
    IdentityHome myHome = home.home();
    IdentityBundle me = myHome.bundle();
    IdentityBundle sender = BundleFiles.load(from);
    byte[] input =
        in == null
            ? FileIo.read(context.stdin(), MAX_INPUT_BYTES)
            : FileIo.read(in, MAX_INPUT_BYTES);
    RecipientEnvelope mine = authenticate(parse(input), me, sender);
    requireConversation(mine.header());
    OpenedMessage message = decrypt(myHome, me, sender, mine);
    writePlaintext(message.plaintext());
    EnvelopeHeader header = message.header();
    spec.commandLine()
        .getErr()
        .println(
            "from "
                + BundleText.id(header.senderId())
                + " (fingerprint "
                + header.senderKey().shortForm()
                + "…), conversation "
                + (BundleText.plain(header.conversationId())
                    ? MessageFormatter.conversationLabel(header.conversationId(), me.userId())
                    : BundleText.id(header.conversationId()))
                + ", sent "
                + BundleText.instant(header.timestampMillis()));
    spec.commandLine().getErr().flush();
    return ExitCode.OK.code();
  }

  /** Public-key checks only: the right sender, addressed to me, and a valid signature. */
  private RecipientEnvelope authenticate(
      Envelope envelope, IdentityBundle me, IdentityBundle sender) {
    EnvelopeHeader header = envelope.header();
    if (!header.senderId().equals(sender.userId())) {
      throw new CommandException.KeyRejected(
          "the envelope names sender "
              + BundleText.id(header.senderId())
              + " (key "
              + header.senderKey().shortForm()
              + "…), not the identity in "
              + from,
          null);
    }
    if (!header.senderKey().matches(sender.fingerprint())) {
      // Whole: a key differing after the first 8 digits would otherwise read as the same one.
      throw new CommandException.KeyRejected(
          "the envelope names sender "
              + BundleText.id(header.senderId())
              + " with another key than the one in "
              + from
              + ": the envelope's is "
              + header.senderKey().toDisplayString()
              + ", the file's "
              + sender.fingerprint().toDisplayString(),
          null);
    }
    int index = envelope.recipientSet().indexOf(Recipient.of(me));
    if (index < 0) {
      throw notRecipient(me, null);
    }
    RecipientEnvelope mine = envelope.split().get(index);
    try {
      mine.verifySignature(sender.verifier());
    } catch (AuthenticationException e) {
      throw badSignature(sender, e);
    }
    return mine;
  }

  /**
   * With {@code --conversation}, refuses an envelope the sender bound to another conversation: one
   * passed on from a relay's room, say, where a message sealed for you offline was expected.
   * Checked after the signature, so the id refused is the sender's, and before the passphrase is
   * asked. The id is said as it is ({@code @alice+bob}, not as the stderr line names it), so that
   * it can be given back.
   */
  private void requireConversation(EnvelopeHeader header) {
    if (conversation != null && !conversation.equals(header.conversationId())) {
      throw new CommandException.EnvelopeRejected(
          "the envelope was sealed for conversation "
              + BundleText.id(header.conversationId())
              + ", not "
              + BundleText.id(conversation)
              + ": nothing was opened",
          null);
    }
  }

  /** Unlocks the key file and opens the envelope; the identity is destroyed afterwards. */
  private OpenedMessage decrypt(
      IdentityHome myHome, IdentityBundle me, IdentityBundle sender, RecipientEnvelope mine) {
    byte[] keyFile = myHome.keyFileBytes();
    IdentityKeyPair identity;
    try (Passphrase passphrase = new Passphrases(context).existing(myHome.keyFile())) {
      identity = myHome.unlock(keyFile, passphrase);
    }
    try {
      return new EnvelopeOpener(context.random()).open(identity, sender, mine);
    } catch (NotRecipientException e) {
      throw notRecipient(me, e);
    } catch (AuthenticationException e) {
      throw badSignature(sender, e);
    } catch (CryptoException e) {
      throw new CommandException.EnvelopeRejected("invalid envelope (" + e.getMessage() + ")", e);
    } finally {
      identity.destroy();
    }
  }

  private Envelope parse(byte[] input) {
    if (input.length > MAX_INPUT_BYTES) {
      throw new CommandException.EnvelopeRejected("input too large to be an envelope", null);
    }
    try {
      return Envelope.parse(Armor.decodeAny(Armor.ENVELOPE, input));
    } catch (MalformedDataException e) {
      throw new CommandException.EnvelopeRejected(
          "not a chat envelope, or a damaged one (" + e.getMessage() + ")", e);
    }
  }

  private static CommandException badSignature(IdentityBundle sender, Exception cause) {
    return new CommandException.EnvelopeRejected(
        "bad signature: the envelope was altered or not sealed by "
            + BundleText.userId(sender)
            + " ("
            + cause.getMessage()
            + ")",
        cause);
  }

  private static CommandException notRecipient(IdentityBundle me, Throwable cause) {
    return new CommandException.EnvelopeRejected(
        "not a recipient: this envelope was not sealed to "
            + BundleText.userId(me)
            + " ("
            + me.fingerprint().shortForm()
            + "…)",
        cause);
  }

  /**
   * Raw bytes to a file or pipe; to a terminal (standard output, or an {@code --out} such as {@code
   * /dev/tty}), only text with controls removed.
   */
  private void writePlaintext(byte[] plaintext) {
    if (!DataOutput.toTerminal(context, out)) {
      DataOutput.write(context, spec, out, plaintext, true, force);
      return;
    }
    byte[] safe =
        TerminalSafe.text(new String(plaintext, StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.UTF_8);
    DataOutput.write(context, spec, out, safe, false, force);
    if (!Arrays.equals(safe, plaintext)) {
      spec.commandLine()
          .getErr()
          .println(
              "chat: note: control characters (or invalid UTF-8) were removed for the terminal; use --out FILE for"
                  + " the exact bytes");
    }
  }
}
