package chat.cli.tui;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.tui.KeyAction.Action;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import org.junit.jupiter.api.Test;

class KeyBindingsTest {
  private static KeyAction resolve(KeyStroke key) {
    return KeyBindings.resolve(key).orElseThrow();
  }

  @Test
  void altDigits_jumpToListPositions_altZeroIsTenth() {
    assertThat(resolve(new KeyStroke('1', false, true))).isEqualTo(KeyAction.jump(0));
    assertThat(resolve(new KeyStroke('9', false, true))).isEqualTo(KeyAction.jump(8));
    assertThat(resolve(new KeyStroke('0', false, true))).isEqualTo(KeyAction.jump(9));
  }

  @Test
  void altA_lowerCase_nextActive() {
    assertThat(resolve(new KeyStroke('a', false, true)).action()).isEqualTo(Action.NEXT_ACTIVE);
  }

  @Test
  void altE_anyCase_emojiPicker() {
    assertThat(resolve(new KeyStroke('e', false, true)).action()).isEqualTo(Action.EMOJI_PICKER);
    assertThat(resolve(new KeyStroke('E', false, true)).action()).isEqualTo(Action.EMOJI_PICKER);
  }

  @Test
  void controlKeys_bound_editAndSwitch() {
    assertThat(resolve(new KeyStroke('a', true, false)).action()).isEqualTo(Action.HOME);
    assertThat(resolve(new KeyStroke('e', true, false)).action()).isEqualTo(Action.END);
    assertThat(resolve(new KeyStroke('u', true, false)).action()).isEqualTo(Action.CLEAR_LINE);
    assertThat(resolve(new KeyStroke('w', true, false)).action()).isEqualTo(Action.DELETE_WORD);
    assertThat(resolve(new KeyStroke('n', true, false)).action())
        .isEqualTo(Action.NEXT_CONVERSATION);
    assertThat(resolve(new KeyStroke('p', true, false)).action())
        .isEqualTo(Action.PREVIOUS_CONVERSATION);
    assertThat(resolve(new KeyStroke('c', true, false)).action()).isEqualTo(Action.INTERRUPT);
  }

  @Test
  void specialKeys_bound_submitCompleteScrollAndSwitch() {
    assertThat(resolve(new KeyStroke(KeyType.Enter)).action()).isEqualTo(Action.SUBMIT);
    assertThat(resolve(new KeyStroke(KeyType.Tab)).action()).isEqualTo(Action.COMPLETE);
    assertThat(resolve(new KeyStroke(KeyType.PageUp)).action()).isEqualTo(Action.PAGE_UP);
    assertThat(resolve(new KeyStroke(KeyType.PageDown)).action()).isEqualTo(Action.PAGE_DOWN);
    assertThat(resolve(new KeyStroke(KeyType.ArrowUp)).action()).isEqualTo(Action.HISTORY_PREVIOUS);
    assertThat(resolve(new KeyStroke(KeyType.ArrowLeft, false, true)).action())
        .isEqualTo(Action.PREVIOUS_CONVERSATION);
  }

  @Test
  void character_noModifier_inserts() {
    assertThat(resolve(new KeyStroke('x', false, false))).isEqualTo(KeyAction.insert('x'));
  }

  @Test
  void resolve_unboundKeys_nothing() {
    assertThat(KeyBindings.resolve(new KeyStroke('z', false, true))).isEmpty();
    assertThat(KeyBindings.resolve(new KeyStroke('z', true, false))).isEmpty();
    assertThat(KeyBindings.resolve(new KeyStroke(KeyType.F5))).isEmpty();
  }
}
