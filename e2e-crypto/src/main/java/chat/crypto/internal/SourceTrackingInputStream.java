package chat.crypto.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Passes reads through to a source and remembers the first {@link IOException} the source itself
 * threw, so a caller can tell a failing source apart from a decoder that rejected what it read.
 * Closing it does not close the source.
 */
public final class SourceTrackingInputStream extends FilterInputStream {
  private IOException sourceFailure;

  /** Wraps {@code source}, which is not copied and stays owned by the caller. */
  public SourceTrackingInputStream(InputStream source) {
    super(source);
  }

  /** The first exception the source threw, if any. */
  public Optional<IOException> sourceFailure() {
    return Optional.ofNullable(sourceFailure);
  }

  private IOException record(IOException e) {
    if (sourceFailure == null) {
      sourceFailure = e;
    }
    return e;
  }

  @Override
  public int read() throws IOException {
    try {
      return in.read();
    } catch (IOException e) {
      throw record(e);
    }
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    try {
      return in.read(buffer, offset, length);
    } catch (IOException e) {
      throw record(e);
    }
  }

  @Override
  public long skip(long count) throws IOException {
    try {
      return in.skip(count);
    } catch (IOException e) {
      throw record(e);
    }
  }

  @Override
  public int available() throws IOException {
    try {
      return in.available();
    } catch (IOException e) {
      throw record(e);
    }
  }

  @Override
  public void close() {
    // The source belongs to the caller.
  }
}
