package chat.cli.tui;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.command.InputCompleter;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineEditorTest {
  private static LineEditor typed(String text) {
    LineEditor editor = new LineEditor();
    text.chars().forEach(c -> editor.insert((char) c));
    return editor;
  }

  @Test
  void insert_afterMovingLeft_goesAtCursor() {
    LineEditor editor = typed("helo");
    editor.left();

    editor.insert('l');

    assertThat(editor.text()).isEqualTo("hello");
    assertThat(editor.cursor()).isEqualTo(4);
  }

  @Test
  void backspace_afterAFamilyEmoji_removesItWhole() {
    LineEditor editor = typed("hi 👨\u200D👩\u200D👧");

    editor.backspace();

    assertThat(editor.text()).isEqualTo("hi ");
  }

  @Test
  void paste_keepsLineBreaksAndTabs_dropsOtherControls() {
    LineEditor editor = new LineEditor();
    "a\nb\tc\u001b".chars().forEach(c -> editor.paste((char) c));

    assertThat(editor.text()).isEqualTo("a\nb\tc");
  }

  @Test
  void insert_controlCharacter_ignored() {
    assertThat(typed("a\u001bb\u0007").text()).isEqualTo("ab");
  }

  @Test
  void backspaceAndDelete_emoji_removeOneCodePoint() {
    LineEditor editor = typed("a😀b");
    editor.left();

    editor.backspace();
    assertThat(editor.text()).isEqualTo("ab");
    editor.home();
    editor.delete();
    assertThat(editor.text()).isEqualTo("b");
  }

  @Test
  void leftAndRight_emoji_skipWholeSurrogatePair() {
    LineEditor editor = typed("😀");

    editor.left();
    assertThat(editor.cursor()).isZero();
    editor.right();
    assertThat(editor.cursor()).isEqualTo(2);
  }

  @Test
  void deleteWord_trailingSpaces_removesThemAndWordBefore() {
    LineEditor editor = typed("say hello  ");

    editor.deleteWord();

    assertThat(editor.text()).isEqualTo("say ");
  }

  @Test
  void killToEndThenClear_midLine_removeTailThenAll() {
    LineEditor editor = typed("hello world");
    editor.home();
    for (int i = 0; i < 5; i++) {
      editor.right();
    }

    editor.killToEnd();
    assertThat(editor.text()).isEqualTo("hello");
    editor.clear();
    assertThat(editor.text()).isEmpty();
  }

  @Test
  void complete_repeated_replacesWordAtCursorAndCycles() {
    LineEditor editor = typed("/join #d");
    List<String> seen = new java.util.ArrayList<>();
    editor.complete(
        (line, cursor) -> {
          seen.add(line + "@" + cursor);
          return List.of("#dev", "#design");
        });
    assertThat(editor.text()).isEqualTo("/join #dev ");

    editor.complete((line, cursor) -> List.of("unused"));
    assertThat(editor.text()).isEqualTo("/join #design ");
    editor.complete((line, cursor) -> List.of("unused"));
    assertThat(editor.text()).isEqualTo("/join #dev ");
    assertThat(seen).containsExactly("/join #d@8");
  }

  /** A word with one candidate is done: Tab again completes the next word, as line mode does. */
  @Test
  void complete_aUniqueCandidate_thenTabAgain_completesTheNextWord() {
    LineEditor editor = typed("/sessions e");
    List<String> seen = new java.util.ArrayList<>();
    InputCompleter completer =
        (line, cursor) -> {
          seen.add(line + "@" + cursor);
          return line.endsWith("end ") ? List.of("8b65ef6dcfa1") : List.of("end");
        };

    editor.complete(completer);
    assertThat(editor.text()).isEqualTo("/sessions end ");
    editor.complete(completer);

    assertThat(editor.text()).isEqualTo("/sessions end 8b65ef6dcfa1 ");
    assertThat(seen).containsExactly("/sessions e@11", "/sessions end @14");
  }

  @Test
  void complete_midLine_keepsTextAfterCursor() {
    LineEditor editor = typed("hi al and more");
    for (int i = 0; i < " and more".length(); i++) {
      editor.left();
    }

    editor.complete((line, cursor) -> List.of("alice"));

    assertThat(editor.text()).isEqualTo("hi alice and more");
    assertThat(editor.cursor()).isEqualTo("hi alice".length());
  }

  @Test
  void complete_candidateWithEscape_isCleaned() {
    LineEditor editor = typed("@m");

    editor.complete((line, cursor) -> List.of("@mal\u001b[31mlory"));

    assertThat(editor.text()).isEqualTo("@mallory ");
  }

  @Test
  void complete_beforeASpace_addsNoSecondOne_andTypingGoesOnAfterIt() {
    LineEditor editor = typed("/pm al hello");
    for (int i = 0; i < " hello".length(); i++) {
      editor.left();
    }

    editor.complete((line, cursor) -> List.of("alice"));
    assertThat(editor.text()).isEqualTo("/pm alice hello");

    LineEditor fresh = typed("/jo");
    fresh.complete((line, cursor) -> List.of("/join"));
    fresh.resetCompletion();
    fresh.insert('o');
    assertThat(fresh.text()).isEqualTo("/join o");
  }

  @Test
  void submit_loginLine_recordsRedactedHistoryAndEmpties() {
    LineEditor editor = typed("/login alice pw");

    assertThat(editor.submit()).isEqualTo("/login alice pw");
    assertThat(editor.text()).isEmpty();
    editor.historyPrevious();
    assertThat(editor.text()).isEqualTo("/login alice ***");
    editor.historyNext();
    assertThat(editor.text()).isEmpty();
  }

  @Test
  void scrollFor_cursorPastEitherEdge_keepsItVisible() {
    LineEditor editor = new LineEditor();

    assertThat(editor.scrollFor(5, 30, 10)).isZero();
    assertThat(editor.scrollFor(25, 30, 10)).isEqualTo(16);
    assertThat(editor.scrollFor(20, 30, 10)).isEqualTo(16);
    assertThat(editor.scrollFor(3, 30, 10)).isZero();
  }

  @Test
  void scrollFor_aScrolledLineThatFitsOnceTheScreenIsWider_showsFromItsStart() {
    LineEditor editor = new LineEditor();
    assertThat(editor.scrollFor(41, 41, 28)).isEqualTo(14); // narrow: the cursor at the end

    assertThat(editor.scrollFor(41, 41, 118)).isZero(); // wide again: the whole line
    assertThat(editor.scrollFor(41, 41, 30)).isEqualTo(12);
    assertThat(editor.scrollFor(41, 41, 35)).isEqualTo(7); // wider: no empty columns at the end
  }

  @Test
  void submit_dropsAPastesOuterLineBreaks_beforeHistoryRedactsIt() {
    LineEditor editor = new LineEditor();
    "\n/login alice hunter2\n".chars().forEach(c -> editor.paste((char) c));

    assertThat(editor.submit()).isEqualTo("/login alice hunter2");
    editor.historyPrevious();
    assertThat(editor.text()).doesNotContain("hunter2");
  }

  @Test
  void discard_emptiesTheLine_andUpBringsItBack_secretsRedacted() {
    LineEditor editor = typed("half a thought");

    editor.discard();
    assertThat(editor.text()).isEmpty();
    editor.historyPrevious();
    assertThat(editor.text()).isEqualTo("half a thought");

    LineEditor login = typed("/login alice hunter2hunter2");
    login.discard();
    login.historyPrevious();
    assertThat(login.text()).doesNotContain("hunter2");
  }
}
