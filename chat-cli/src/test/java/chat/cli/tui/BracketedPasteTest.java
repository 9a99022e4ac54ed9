package chat.cli.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.DefaultKeyDecodingProfile;
import com.googlecode.lanterna.input.InputDecoder;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The paste markers as a terminal sends them, decoded the way the real terminal decodes input. */
class BracketedPasteTest {
  private static List<KeyStroke> decode(String input) throws IOException {
    InputDecoder decoder = new InputDecoder(new StringReader(input));
    decoder.addProfile(new DefaultKeyDecodingProfile());
    decoder.addProfile(BracketedPaste.profile());
    List<KeyStroke> keys = new ArrayList<>();
    for (KeyStroke key = decoder.getNextCharacter(true);
        key != null && key.getKeyType() != KeyType.EOF;
        key = decoder.getNextCharacter(true)) {
      keys.add(key);
    }
    return keys;
  }

  @Test
  void theMarkers_decodeToTheirKeyStrokes_aroundThePastedKeys() throws IOException {
    List<KeyStroke> keys = decode("a\u001b[200~x\ny\u001b[201~\u001b[A");

    assertThat(keys).hasSize(7);
    assertThat(keys.get(0).getCharacter()).isEqualTo('a');
    assertThat(keys.get(1)).isSameAs(BracketedPaste.START);
    assertThat(keys.get(2).getCharacter()).isEqualTo('x');
    assertThat(keys.get(3).getKeyType()).isEqualTo(KeyType.Enter);
    assertThat(keys.get(4).getCharacter()).isEqualTo('y');
    assertThat(keys.get(5)).isSameAs(BracketedPaste.END);
    assertThat(keys.get(6).getKeyType()).isEqualTo(KeyType.ArrowUp);
  }

  @Test
  void aPastedControlCharacter_isNotText() {
    TuiHarness h = new TuiHarness(80, 24).start().loggedInAs("alice");
    h.alt('1');
    h.terminal.addInput(BracketedPaste.START);
    h.terminal.addInput(new KeyStroke('x', false, false));
    h.terminal.addInput(new KeyStroke('a', true, false));
    h.terminal.addInput(new KeyStroke('b', false, true));
    h.terminal.addInput(new KeyStroke(KeyType.Escape));
    "[31mred".chars().forEach(c -> h.terminal.addInput(new KeyStroke((char) c, false, false)));
    h.terminal.addInput(new KeyStroke('[', false, true));
    "0m!".chars().forEach(c -> h.terminal.addInput(new KeyStroke((char) c, false, false)));
    h.terminal.addInput(BracketedPaste.END);
    h.drain();

    assertThat(h.inputRow()).startsWith("> xred! ");
  }

  @Test
  void pastedLinksTitlesAndCharacterSets_areDroppedWhole() throws IOException {
    TuiHarness h = new TuiHarness(80, 24).start().loggedInAs("alice");
    h.alt('1');
    h.terminal.addInput(BracketedPaste.START);
    decode("a\u001b]8;;http://x\u001b\\b\u001b(Bc\u001b]0;t\u0007d").forEach(h.terminal::addInput);
    h.terminal.addInput(BracketedPaste.END);
    h.drain();

    assertThat(h.inputRow()).startsWith("> abcd ");
  }
}
