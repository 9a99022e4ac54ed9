package chat.cli.command;

import chat.cli.TerminalSafe;
import chat.cli.client.FileOffer;
import chat.cli.client.FileTransfer;
import chat.cli.client.TransferState;
import chat.cli.emoji.Graphemes;
import chat.protocol.FileSizes;
import java.util.function.UnaryOperator;

/**
 * The words every front end uses for shared files: sizes, the offer line ({@code alice offers
 * report.pdf (2.3 MiB): /file accept 3f2a91c0}), progress and the {@code /files} list. Names and
 * usernames come from the network and are cleaned here.
 */
public final class FileText {
  /** Characters of the lines a file name stands in; quote marks too ({@link #inLineSyntax}). */
  private static final String LINE_SYNTAX = "():<>[]\"";

  /** The most glyphs of a file name shown, {@code ...} included. */
  static final int MAX_NAME_GLYPHS = 60;

  /** How many of a long name's last glyphs are shown, after the cut: its extension, and more. */
  static final int NAME_TAIL_GLYPHS = 12;

  /** What a file name that shows nothing (only spaces or escape sequences) is shown as. */
  static final String NO_NAME = "(a name that shows nothing)";

  private FileText() {}

  /** {@code bytes} for people: {@code 512 B}, {@code 12 KiB}, {@code 2.3 MiB}. */
  public static String size(long bytes) {
    return FileSizes.shown(bytes);
  }

  /**
   * A file name as shown: cleaned to one line, at most {@value #MAX_NAME_GLYPHS} glyphs (an emoji
   * sequence, a flag or a letter with its accents counts one). A longer one is cut between glyphs
   * in the middle, keeping its last {@value #NAME_TAIL_GLYPHS}, so that its extension shows ({@code
   * invoice-2026-...-final.pdf.exe} cannot pass for a PDF by hiding its end); a name that shows
   * nothing is {@value #NO_NAME}, never an empty gap in the line. A name with a character of the
   * lines it stands in ({@code ( ) : < > [ ]}, a quote mark) is shown in curly quotes ({@link
   * TerminalSafe#quoted}): {@code a.pdf (6 B): /file accept 12345678} could otherwise pass for an
   * offer's own size and id, the real ones following it.
   */
  public static String name(String offered) {
    String shown = TerminalSafe.line(offered);
    if (TerminalSafe.showsNothing(shown)) {
      return NO_NAME;
    }
    if (Graphemes.count(shown) > MAX_NAME_GLYPHS) {
      shown =
          Graphemes.prefix(shown, MAX_NAME_GLYPHS - NAME_TAIL_GLYPHS - 3)
              + "..."
              + Graphemes.suffix(shown, NAME_TAIL_GLYPHS);
    }
    return inLineSyntax(shown) ? TerminalSafe.quoted(shown) : shown;
  }

  private static boolean inLineSyntax(String name) {
    return name.codePoints()
        .anyMatch(cp -> LINE_SYNTAX.indexOf(cp) >= 0 || TerminalSafe.isQuoteMark(cp));
  }

  /**
   * The offer line: {@code alice offers report.pdf (2.3 MiB): /file accept 3f2a91c0}, or {@code you
   * offered report.pdf (2.3 MiB) as file 3f2a91c0} for this user's own; {@code acceptHint} is the
   * command to show (e.g. {@code /file accept} or {@code chat file get}).
   */
  public static String offer(FileOffer offer, String acceptHint) {
    String who = offer.own() ? "you offered " : TerminalSafe.line(offer.sender()) + " offers ";
    String line = who + name(offer.name()) + " (" + size(offer.size()) + ")";
    return line + (offer.own() ? " as file " : ": " + acceptHint + " ") + offer.shortId();
  }

  /**
   * A progress line: {@code uploading report.pdf: 45% (1.0 MiB of 2.3 MiB)}, counted in the file's
   * own size (what moves is its encrypted form, a little larger); for a report with a detail, that
   * instead ({@code downloading big.iso: the partial download did not check out; starting over}).
   */
  public static String progress(FileTransfer transfer) {
    String verb = transfer.state() == TransferState.UPLOADING ? "uploading " : "downloading ";
    if (!transfer.detail().isEmpty()) {
      return verb + name(transfer.name()) + ": " + TerminalSafe.line(transfer.detail());
    }
    long total = transfer.size();
    long done =
        transfer.bytesTotal() <= 0
            ? 0
            : Math.min(
                total, (long) ((double) transfer.bytesDone() / transfer.bytesTotal() * total));
    return verb
        + name(transfer.name())
        + ": "
        + transfer.percent()
        + "% ("
        + size(done)
        + " of "
        + size(total)
        + ")";
  }

  /** A bar of {@code width} cells for {@code percent}: {@code ####------}. */
  public static String bar(int percent, int width) {
    int filled = Math.max(0, Math.min(width, percent * width / 100));
    return "#".repeat(filled) + "-".repeat(width - filled);
  }

  /**
   * The state as {@code /files} shows it: {@code offered}, {@code downloading 45%}, {@code
   * downloading (in another chat process)}, ...
   */
  public static String state(FileTransfer transfer) {
    return switch (transfer.state()) {
      case OFFERED -> transfer.outgoing() ? "sent" : "offered";
      case UPLOADING, DOWNLOADING ->
          (transfer.state() == TransferState.UPLOADING ? "uploading " : "downloading ")
              + (transfer.detail().isEmpty()
                  ? transfer.percent() + "%" // where it runs elsewhere, its progress is not known
                  : "(" + TerminalSafe.line(transfer.detail()) + ")");
      case DONE -> "done: " + TerminalSafe.line(transfer.savedPath()) + sinceSaved(transfer);
      case REJECTED -> "rejected";
      case EXPIRED -> "expired";
      case FAILED ->
          "failed"
              + (transfer.detail().isEmpty() ? "" : ": " + TerminalSafe.line(transfer.detail()));
    };
  }

  /**
   * What became of a saved file since: nothing said while it is there at the size offered, else
   * {@code " (no longer there)"} or {@code " (changed since)"}; {@code /file accept} then fetches
   * it again.
   */
  private static String sinceSaved(FileTransfer transfer) {
    return switch (transfer.savedFile()) {
      case AS_SAVED -> "";
      case CHANGED -> " (changed since)";
      case GONE -> " (no longer there)";
    };
  }

  /**
   * One {@code /files} line: {@code <- 3f2a91c0 report.pdf 2.3 MiB from alice in #team: offered}.
   */
  public static String listLine(
      FileTransfer transfer, String self, UnaryOperator<String> spelling) {
    String direction = transfer.outgoing() ? "-> " : "<- ";
    String where = MessageFormatter.conversationLabel(transfer.conversation(), self, spelling);
    String from = TerminalSafe.line(transfer.sender());
    String party;
    if (transfer.outgoing()) {
      party = "to " + where;
    } else if (transfer.privately()) {
      party = "from " + from + ", privately"; // not "from alice in @alice"
    } else {
      party = "from " + from + " in " + where;
    }
    return direction
        + transfer.shortId()
        + "  "
        + name(transfer.name())
        + "  "
        + size(transfer.size())
        + "  "
        + party
        + ": "
        + state(transfer);
  }
}
