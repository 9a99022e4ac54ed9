package chat.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The writer a command's text output goes through (picocli's out, UTF-8, flushed at each line).
 * Like every {@link PrintWriter} it never throws; it also keeps the first failure to write, so that
 * a command that printed its result into a full disk or a closed pipe ends with why ({@link
 * ChatCommand}: exit 7) instead of exit 0 with the output lost.
 */
final class StdoutWriter extends PrintWriter {
  private final Recording recording;

  private StdoutWriter(Recording recording) {
    super(recording, true);
    this.recording = recording;
  }

  /** A writer over {@code stream}. */
  static StdoutWriter over(OutputStream stream) {
    return new StdoutWriter(new Recording(new OutputStreamWriter(stream, StandardCharsets.UTF_8)));
  }

  /** The first failure to write or flush, or null. */
  IOException failure() {
    return recording.failure;
  }

  /**
   * Whether {@code out} failed because its reader went away ({@code | head -2} that has its lines):
   * a pipe closed by its reader, which the command need not report.
   */
  static boolean readerGone(PrintWriter out) {
    return reason(out, "").startsWith("broken pipe");
  }

  /** Why {@code out} could not be written, in a few words: its failure's, else a general one. */
  static String reason(PrintWriter out, String unknown) {
    IOException failure = out instanceof StdoutWriter watched ? watched.failure() : null;
    return failure == null ? unknown : FileIo.reason(failure);
  }

  private static final class Recording extends FilterWriter {
    private volatile IOException failure;

    Recording(java.io.Writer out) {
      super(out);
    }

    @Override
    public void write(int c) throws IOException {
      kept(() -> super.write(c));
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
      kept(() -> super.write(chars, offset, length));
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
      kept(() -> super.write(text, offset, length));
    }

    @Override
    public void flush() throws IOException {
      kept(super::flush);
    }

    /** Runs {@code step}, keeping the first failure of any. */
    private void kept(Step step) throws IOException {
      try {
        step.run();
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        }
        throw e;
      }
    }

    private interface Step {
      void run() throws IOException;
    }
  }
}
