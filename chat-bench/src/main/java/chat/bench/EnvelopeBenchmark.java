package chat.bench;

import chat.crypto.Bytes;
import chat.crypto.CryptoException;
import chat.crypto.Envelope;
import chat.crypto.EnvelopeOpener;
import chat.crypto.EnvelopeSealer;
import chat.crypto.IdentityBundle;
import chat.crypto.IdentityKeyPair;
import chat.crypto.OpenedMessage;
import chat.crypto.ReceivedEnvelope;
import chat.crypto.RecipientEnvelope;
import chat.crypto.RecipientForms;
import chat.crypto.Verifier;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Envelope v1 with a 1 KiB message: seal to N recipients (N RSA wraps, one signature, one GCM),
 * open one recipient's per-recipient form (one unwrap, one verify, one GCM), and the relay's
 * signature check plus split into per-recipient forms, from a parsed envelope and, as the relay
 * runs it, from the bytes that arrived (and as it ran it before, through the record); then the
 * relay writing every recipient's form into a direct buffer, against copying the same bytes from
 * one array; and a history page's first read of a stored envelope, every recipient's form laid out
 * to be kept, against cutting the reader's form alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EnvelopeBenchmark {
  /** Recipients besides the sender. */
  @Param({"1", "10", "100", "1000"})
  public int recipients;

  private EnvelopeSealer sealer;
  private EnvelopeOpener opener;
  private IdentityKeyPair sender;
  private IdentityKeyPair reader;
  private List<IdentityBundle> bundles;
  private byte[] message;
  private Envelope envelope;
  private byte[] encoded;
  private Bytes received;
  private Verifier senderVerifier;
  private RecipientEnvelope readerForm;
  private String readerId;
  private int readerIndex;
  private RecipientForms forms;
  private ByteBuffer out;
  private byte[] allForms;
  private int[] formLengths;

  /** Makes identities and one sealed envelope. */
  @Setup
  public void setUp() {
    SecureRandom random = new SecureRandom();
    BenchIdentities identities = new BenchIdentities(recipients + 1, random);
    sender = identities.get(0);
    reader = identities.get(1);
    bundles = identities.bundles(1, recipients + 1);
    sealer = new EnvelopeSealer(random, Clock.systemUTC());
    opener = new EnvelopeOpener(random);
    message = new byte[PrimitiveBenchmark.MESSAGE_BYTES];
    random.nextBytes(message);
    envelope = sealer.seal(sender, "#bench", bundles, message);
    encoded = envelope.encode();
    received = Bytes.of(encoded);
    senderVerifier = sender.bundle().verifier(); // the relay keeps one per registered key
    readerForm =
        envelope
            .forRecipient(chat.crypto.Recipient.of(reader.bundle()))
            .orElseThrow(() -> new IllegalStateException("reader missing"));
    readerId = reader.userId();
    readerIndex = readerForm.leafIndex();
    try {
      forms = envelope.verifyForms(senderVerifier);
    } catch (CryptoException e) {
      throw new IllegalStateException("the benchmark's envelope does not verify", e);
    }
    formLengths = new int[forms.size()];
    int total = 0;
    int longest = 0;
    for (int i = 0; i < forms.size(); i++) {
      formLengths[i] = forms.length(i);
      total += formLengths[i];
      longest = Math.max(longest, formLengths[i]);
    }
    ByteBuffer all = ByteBuffer.allocate(total);
    for (int i = 0; i < forms.size(); i++) {
      forms.writeTo(i, all);
    }
    allForms = all.array();
    out = ByteBuffer.allocateDirect(longest);
  }

  /** Seal 1 KiB to the sender and N recipients. */
  @Benchmark
  public Envelope seal() {
    return sealer.seal(sender, "#bench", bundles, message);
  }

  /** Open one recipient's per-recipient form. */
  @Benchmark
  public OpenedMessage open() throws CryptoException {
    return opener.open(reader, sender.bundle(), readerForm);
  }

  /** What the relay does per send: verify the signature, then cut the per-recipient forms. */
  @Benchmark
  public List<RecipientEnvelope> relayVerifyAndSplit() throws CryptoException {
    envelope.verifySignature(sender.bundle().verifier());
    return envelope.split();
  }

  /**
   * The relay's path for a send as it runs: parse the envelope from the bytes that arrived, verify
   * the signature and make the per-recipient forms it writes to each member, each recipient entry
   * hashed and copied where it lies in those bytes.
   */
  @Benchmark
  public RecipientForms relayParseAndVerify() throws CryptoException {
    return ReceivedEnvelope.parse(received).verifyForms(senderVerifier);
  }

  /**
   * {@link #relayParseAndVerify} as the relay ran it before: parse into an {@link Envelope} (a copy
   * of each entry), then verify and make the forms from it (each entry encoded again).
   */
  @Benchmark
  public RecipientForms recordsParseAndVerify() throws CryptoException {
    return Envelope.parse(encoded).verifyForms(senderVerifier);
  }

  /**
   * What the relay's event loops do for one message to N members: write each member's form (shared
   * parts, its entry, its audit path, the signature) into a direct write buffer.
   */
  @Benchmark
  public int relayWriteForms() {
    int written = 0;
    for (int i = 0; i < formLengths.length; i++) {
      out.clear();
      forms.writeTo(i, out);
      written += out.position();
    }
    return written;
  }

  /** The floor of {@link #relayWriteForms}: the same bytes, each form copied from one array. */
  @Benchmark
  public int copyFormBytes() {
    int written = 0;
    int at = 0;
    for (int length : formLengths) {
      out.clear();
      out.put(allForms, at, length);
      at += length;
      written += out.position();
    }
    return written;
  }

  /**
   * A relay's history read of one stored message for one reader, without keeping forms (as every
   * read did before the relay kept them, and as it still reads a message too big to keep): read the
   * envelope where it lies, then lay out only that reader's form (the Merkle tree over every entry
   * built for its audit path).
   */
  @Benchmark
  public Bytes relayCutOneForm() throws CryptoException {
    return ReceivedEnvelope.parse(received).unverifiedForm(readerIndex);
  }

  /**
   * A relay's history read of a stored message no page has read yet, as it runs now: read the
   * envelope where it lies, lay out every recipient's form (the tree built once), then the
   * reader's, so that the next readers find theirs laid out. Not counted: the index of user ids the
   * relay keeps beside them (a hash map of one entry per recipient).
   */
  @Benchmark
  public Bytes relayLayOutAllForms() throws CryptoException {
    return ReceivedEnvelope.parse(received).unverifiedForms().form(readerIndex);
  }

  /**
   * {@link #relayLayOutAllForms} as the relay ran it before: parse into an {@link Envelope} (a copy
   * of each entry), then lay out the forms from it (each entry encoded again).
   */
  @Benchmark
  public Bytes recordsLayOutAllForms() throws CryptoException {
    return Envelope.parse(encoded).unverifiedForms().form(readerIndex);
  }
}
