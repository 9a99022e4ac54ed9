package chat.cli.tui;

import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal.CtrlCBehaviour;
import com.googlecode.lanterna.terminal.ansi.UnixTerminal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Opens the real terminal the way {@link ChatTui} wants it: a text terminal (never a Swing window),
 * Ctrl-C delivered as a key (it cancels a password prompt) instead of killing the JVM, Ctrl-Z and
 * Ctrl-\ no signals either (see {@link PairSafeUnixTerminal#keyStrokeSignalsEnabled}), and, on
 * Unix, emoji and other characters outside the BMP written whole (Lanterna 3.1 on its own writes
 * each half of a surrogate pair separately, which shows as {@code ??}), with the cursor kept in
 * step after emoji sequences, and bracketed paste on while the full screen is up ({@link
 * BracketedPaste}). The caller closes the terminal after {@link ChatTui#run}; closing it restores
 * the tty settings.
 */
public final class TuiTerminals {
  private TuiTerminals() {}

  /**
   * The process's terminal on standard input and output.
   *
   * @throws IOException if there is no usable terminal
   */
  public static Terminal open() throws IOException {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (os.startsWith("windows")) {
      return new DefaultTerminalFactory()
          .setForceTextTerminal(true)
          .setUnixTerminalCtrlCBehaviour(CtrlCBehaviour.TRAP)
          .createTerminal();
    }
    return new PairSafeUnixTerminal(System.in, System.out, Charset.defaultCharset());
  }

  /**
   * A Unix terminal that writes surrogate pairs as one character, and puts the cursor back where
   * Lanterna expects it after glyphs whose width terminals disagree on (see {@link GlyphCursor}).
   */
  private static final class PairSafeUnixTerminal extends UnixTerminal {
    private final SurrogatePairEncoder pairs;
    private final GlyphCursor cursor = new GlyphCursor();

    private PairSafeUnixTerminal(InputStream in, OutputStream out, Charset charset)
        throws IOException {
      super(in, out, charset, CtrlCBehaviour.TRAP);
      this.pairs = new SurrogatePairEncoder(charset);
      getInputDecoder().addProfile(BracketedPaste.profile());
    }

    /** The full screen also turns on bracketed paste, so a paste never runs a command. */
    @Override
    public void enterPrivateMode() throws IOException {
      super.enterPrivateMode();
      writeToTerminal(BracketedPaste.ENABLE.getBytes(StandardCharsets.US_ASCII));
      flush();
    }

    @Override
    public void exitPrivateMode() throws IOException {
      writeToTerminal(BracketedPaste.DISABLE.getBytes(StandardCharsets.US_ASCII));
      super.exitPrivateMode();
    }

    /**
     * Besides Ctrl-C (Lanterna's own), the terminal's suspend and quit characters are no signals
     * while the full screen is up. Stopped by Ctrl-Z, the client would be left in the terminal's
     * line mode on {@code fg}, echoing keys over the screen; Ctrl-\ makes the JVM print its threads
     * over it. Both now arrive as keys, which the full screen ignores, as a raw-mode program such
     * as WeeChat does. Closing the terminal puts back the settings saved before ({@code stty -g}).
     */
    @Override
    protected void keyStrokeSignalsEnabled(boolean enabled) throws IOException {
      super.keyStrokeSignalsEnabled(enabled);
      if (!enabled) {
        runSTTYCommand("susp", "undef", "quit", "undef");
      }
    }

    @Override
    public void setCursorPosition(int x, int y) throws IOException {
      super.setCursorPosition(x, y);
      cursor.moved(x, y);
    }

    /** Lanterna's screen writes one glyph (one screen cell) per call. */
    @Override
    public void putString(String glyph) throws IOException {
      super.putString(glyph);
      if (glyph.isEmpty()) {
        return;
      }
      int column = cursor.wrote(glyph, Glyphs.columns(glyph));
      if (column >= 0) {
        super.setCursorPosition(column, cursor.row());
      }
    }

    @Override
    protected byte[] translateCharacter(char input) {
      if (!StandardCharsets.UTF_8.equals(getCharset())) {
        return super.translateCharacter(input);
      }
      byte[] encoded = pairs.encode(input);
      return encoded != null ? encoded : Character.toString(input).getBytes(StandardCharsets.UTF_8);
    }
  }
}
