package chat.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InputParserTest {
  @ParameterizedTest
  @ValueSource(strings = {"", " ", "   ", "\t", " \t "})
  void parse_blankLine_isBlank(String line) {
    assertThat(InputParser.parse(line)).isEqualTo(new Input.Blank());
  }

  @Test
  void parse_plainLine_isTextUnchanged() {
    assertThat(InputParser.parse("hello  world ")).isEqualTo(new Input.Text("hello  world "));
  }

  @Test
  void parse_doubleSlash_isTextWithOneSlash() {
    assertThat(InputParser.parse("//shrug ok")).isEqualTo(new Input.Text("/shrug ok"));
  }

  @Test
  void parse_leadingSpace_isTextWithThatSpaceRemoved() {
    assertThat(InputParser.parse(" /shrug")).isEqualTo(new Input.Text("/shrug"));
    assertThat(InputParser.parse("  two")).isEqualTo(new Input.Text(" two"));
  }

  @Test
  void parse_slashLine_isCommandWithLowercaseNameAndArgs() {
    Input input = InputParser.parse("/PM  alice   hi  there");

    assertThat(input).isInstanceOf(Input.Command.class);
    Input.Command command = (Input.Command) input;
    assertThat(command.name()).isEqualTo("pm");
    assertThat(command.args()).containsExactly("alice", "hi", "there");
    assertThat(command.argText()).isEqualTo("alice   hi  there");
  }

  @Test
  void parse_commandWithoutArgs_hasEmptyArgs() {
    Input.Command command = (Input.Command) InputParser.parse("/rooms   ");

    assertThat(command.name()).isEqualTo("rooms");
    assertThat(command.args()).isEmpty();
  }

  @Test
  void parse_loneSlash_isCommandWithEmptyName() {
    assertThat(InputParser.parse("/")).isEqualTo(new Input.Command("", List.of(), ""));
  }

  @Test
  void rest_skipsArgumentsAndKeepsInnerSpacing() {
    Input.Command command = (Input.Command) InputParser.parse("/pm alice  hi   there ");

    assertThat(command.rest(0)).isEqualTo("alice  hi   there ");
    assertThat(command.rest(1)).isEqualTo("hi   there ");
    assertThat(command.rest(3)).isEmpty();
    assertThat(command.rest(5)).isEmpty();
  }
}
