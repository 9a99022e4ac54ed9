package chat.crypto;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Stream doubles for tests of stream-based APIs: slow, failing and close-tracking streams. */
final class TestStreams {
  private TestStreams() {}

  /** A source that hands out at most one byte per {@code read(byte[], int, int)}. */
  static InputStream oneByteReads(byte[] bytes) {
    return new FilterInputStream(new ByteArrayInputStream(bytes)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, 1));
      }
    };
  }

  /** A source that serves at least {@code goodBytes} of {@code bytes}, then throws {@code e}. */
  static InputStream failingAfter(byte[] bytes, int goodBytes, IOException e) {
    return new FilterInputStream(new ByteArrayInputStream(bytes)) {
      private int served;

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (served >= goodBytes) {
          throw e;
        }
        int n = super.read(b, off, len);
        served += Math.max(n, 0);
        return n;
      }
    };
  }

  /** A byte sink that records whether it was closed. */
  static final class CloseTrackingOutputStream extends ByteArrayOutputStream {
    boolean closed;

    @Override
    public void close() {
      closed = true;
    }
  }
}
