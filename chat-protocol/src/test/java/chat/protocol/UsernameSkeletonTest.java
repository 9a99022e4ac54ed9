package chat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UsernameSkeletonTest {
  @ParameterizedTest(name = "{0} looks like {1}")
  @CsvSource({
    "alice, aIice", // capital I for l: the tester's report
    "alice, a1ice",
    "alice, AIice",
    "alice, Alice",
    "aIice, a1ice",
    "ALlCE, ALICE", // capital I and l in a capital name
    "AL1CE, ALICE",
    "bob, b0b",
    "bob, bOb",
    "b0b, BOB",
    "modern, modem", // rn and m
    "mary, rnary",
    "arnrn, amm",
    "mrn, rnm",
    "will, vviII",
    "wall, VVall",
    "avvv, avw", // a contraction would cut these differently
    "avw, awv",
    "dara, clara",
    "dara, c1ara",
    "dara, cIara",
    "john.smith, john_smith",
    "john.smith, john-smith",
    "john_smith, john__smith",
    "john_smith, john.-_smith",
    "user10, userlo",
    "user10, userIO",
  })
  void collide(String a, String b) {
    assertThat(UsernameSkeleton.of(a)).isEqualTo(UsernameSkeleton.of(b));
    assertThat(UsernameSkeleton.looksAlike(a, b)).isTrue();
    assertThat(UsernameSkeleton.looksAlike(b, a)).isTrue();
  }

  @ParameterizedTest(name = "{0} does not look like {1}")
  @CsvSource({
    "alice, alica",
    "alice, aiice", // a lower-case i has its dot
    "alice, alice2",
    "alice, alice_",
    "alice, al.ice",
    "bob, bobby",
    "mary, nary",
    "mary, marry",
    "modern, modems",
    "user1, user2",
    "user10, user01",
    "johnsmith, john_smith",
    "ALICE, alice", // capital I reads as l; one account by key anyway
  })
  void doNotCollide(String a, String b) {
    assertThat(UsernameSkeleton.of(a)).isNotEqualTo(UsernameSkeleton.of(b));
    assertThat(UsernameSkeleton.looksAlike(a, b)).isFalse();
  }

  @ParameterizedTest(name = "{0} has skeleton {1}")
  @CsvSource({
    "alice, alice",
    "aIice, alice",
    "ALICE, allce",
    "Modern-Day_0wl, rnoclern_clay_ovvl",
    "a..b, a_b",
    // the examples of "Lookalike usernames" in PacketDiagram.md
    "a1ice, alice",
    "modern, rnoclern",
    "modem, rnoclern",
    "dara, clara",
    "john-smith, john_srnith",
    "john__smith, john_srnith",
  })
  void skeleton(String username, String skeleton) {
    assertThat(UsernameSkeleton.of(username)).isEqualTo(skeleton);
  }

  @Test
  void of_longestName_isTwiceAsLong() {
    assertThat(UsernameSkeleton.of("w".repeat(32))).isEqualTo("v".repeat(64));
  }

  @Test
  void of_invalidUsername_isRefused() {
    assertThatThrownBy(() -> UsernameSkeleton.of("1abc"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> UsernameSkeleton.of("a|ice"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> UsernameSkeleton.of(null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * The skeleton is canonical: it is its own skeleton, so a name written as its skeleton (where
   * that is a valid name) collides with every name it was made from, and nothing else.
   */
  @Test
  void of_randomNames_isItsOwnSkeleton_atMostTwiceAsLong_andIgnoresCaseButForCapitalI() {
    Random random = new Random(20261202);
    String alphabet = "aAbcClLiIoO01mMrnNwWvVdD2_.-";
    for (int round = 0; round < 100_000; round++) {
      StringBuilder name = new StringBuilder("a");
      int length = 2 + random.nextInt(14); // at most 16 characters: a skeleton of 32 at most
      for (int i = 0; i < length; i++) {
        name.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String username = name.toString();
      String skeleton = UsernameSkeleton.of(username);
      assertThat(skeleton.length()).as(username).isLessThanOrEqualTo(2 * username.length());
      assertThat(skeleton).as(username).matches("[a-z2-9_]+").doesNotContain("__");
      if (Usernames.isValid(skeleton)) { // a__ becomes a_, too short to be a name
        assertThat(UsernameSkeleton.of(skeleton)).as(username).isEqualTo(skeleton);
      }
      String noCapitalI = username.replace('I', 'l');
      assertThat(UsernameSkeleton.of(noCapitalI.toLowerCase(java.util.Locale.ROOT)))
          .as(username)
          .isEqualTo(skeleton);
    }
  }
}
