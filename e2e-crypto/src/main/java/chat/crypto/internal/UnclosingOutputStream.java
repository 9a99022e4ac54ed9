package chat.crypto.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes writes through to a sink whose lifetime belongs to someone else: {@link #close} only
 * flushes. Used where a wrapping encoder closes what it wraps.
 */
public final class UnclosingOutputStream extends FilterOutputStream {

  /** Wraps {@code sink}, which stays owned by the caller. */
  public UnclosingOutputStream(OutputStream sink) {
    super(sink);
  }

  @Override
  public void write(byte[] buffer, int offset, int length) throws IOException {
    out.write(buffer, offset, length);
  }

  @Override
  public void close() throws IOException {
    out.flush();
  }
}
