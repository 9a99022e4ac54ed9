package chat.bench;

import chat.crypto.Bytes;
import chat.protocol.Frame;
import chat.protocol.FrameCodec;
import chat.protocol.FrameException;
import chat.protocol.SendRequest;
import chat.protocol.Utf8;
import java.security.SecureRandom;
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
 * What the relay's check that a JSON frame is well-formed UTF-8 costs beside reading the frame: a
 * wire version 1 {@code send} (the envelope in base64) read as the relay reads it, check included,
 * against the check alone. The envelope is random bytes of the size of one sealed to 1 recipient
 * (about 1.5 KB) or to 1,000 (about 450 KB): reading a frame does not look inside the envelope.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FrameBenchmark {
  /** The envelope's size in bytes. */
  @Param({"1500", "450000"})
  public int envelopeBytes;

  private FrameCodec codec;
  private byte[] json;

  /** Encodes one send frame. */
  @Setup
  public void setUp() {
    byte[] envelope = new byte[envelopeBytes];
    new SecureRandom().nextBytes(envelope);
    codec = new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES);
    json = codec.toJson(new SendRequest("r1", "#bench", Bytes.of(envelope)));
  }

  /** The frame read as the relay reads a JSON frame: the UTF-8 check, then Jackson. */
  @Benchmark
  public Frame fromJson() throws FrameException {
    return codec.fromJson(json);
  }

  /** The UTF-8 check alone. */
  @Benchmark
  public boolean utf8Check() {
    return Utf8.isWellFormed(json);
  }
}
