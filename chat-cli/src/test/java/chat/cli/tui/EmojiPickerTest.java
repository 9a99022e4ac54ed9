package chat.cli.tui;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.emoji.EmojiEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class EmojiPickerTest {
  private static final List<EmojiEntry> ALL =
      List.of(
          entry("😄", ":smile:", "grinning face with smiling eyes"),
          entry("😃", ":smiley:", "grinning face with big eyes"),
          entry("😏", ":smirk:", "smirking face"),
          entry("🎉", ":tada:", "party popper"));

  private final List<String> searched = new ArrayList<>();

  private static EmojiEntry entry(String emoji, String code, String description) {
    return new EmojiEntry(emoji, code, List.of(code), description);
  }

  private EmojiPicker picker(String filter) {
    return new EmojiPicker(
        typed -> {
          searched.add(typed);
          return ALL.stream()
              .filter(e -> e.shortcode().contains(typed.toLowerCase(Locale.ROOT)))
              .toList();
        },
        filter);
  }

  @Test
  void create_initialFilter_searchedOnce() {
    EmojiPicker picker = picker(" sm ");

    assertThat(picker.filter()).isEqualTo("sm");
    assertThat(picker.matches()).hasSize(3);
    assertThat(searched).containsExactly("sm");
  }

  @Test
  void type_andBackspace_refilterAndResetSelection() {
    EmojiPicker picker = picker("");
    picker.move(2);

    picker.type('t');
    picker.type('a');
    assertThat(picker.matches()).extracting(EmojiEntry::emoji).containsExactly("🎉");
    assertThat(picker.selected()).isZero();

    picker.backspace();
    picker.backspace();
    picker.backspace();
    assertThat(picker.filter()).isEmpty();
    assertThat(picker.matches()).hasSize(4);
  }

  @Test
  void move_stopsAtEnds_nextWraps() {
    EmojiPicker picker = picker("");

    picker.move(-1);
    assertThat(picker.selected()).isZero();
    picker.move(10);
    assertThat(picker.selected()).isEqualTo(3);
    picker.next();
    assertThat(picker.selected()).isZero();
    assertThat(picker.choice()).map(EmojiEntry::emoji).contains("😄");
  }

  @Test
  void choice_noMatches_empty() {
    EmojiPicker picker = picker("zzz");

    assertThat(picker.matches()).isEmpty();
    assertThat(picker.choice()).isEmpty();
    picker.move(1);
    picker.next();
    assertThat(picker.selected()).isZero();
  }

  @Test
  void firstVisible_keepsSelectionInView() {
    EmojiPicker picker = picker("");
    picker.move(3);

    assertThat(picker.firstVisible(2)).isEqualTo(2);
    assertThat(picker.firstVisible(10)).isZero();
  }

  @Test
  void type_controlCharacter_ignored() {
    EmojiPicker picker = picker("ta");

    picker.type('\u001b');

    assertThat(picker.filter()).isEqualTo("ta");
  }
}
