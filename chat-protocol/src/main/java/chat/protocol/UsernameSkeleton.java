package chat.protocol;

/**
 * The skeleton of a username: a form in which names that look alike on screen are equal, so that
 * the relay can refuse a new name that could pass for an existing one ({@code aIice} for {@code
 * alice}). In the spirit of the confusable skeletons of Unicode TR39, restricted to the username
 * alphabet ({@link Usernames}: {@code A-Z a-z 0-9 _ . -}).
 *
 * <p>The skeleton of a valid username is made in this order:
 *
 * <ol>
 *   <li>capital {@code I} becomes {@code l}: in most sans-serif fonts the two are the same stroke.
 *       This comes before case folding, which would otherwise make it {@code i};
 *   <li>every letter is lowercased (names that differ only in case are one account anyway);
 *   <li>{@code 1} becomes {@code l} and {@code 0} becomes {@code o};
 *   <li>{@code m} becomes {@code rn}, {@code w} becomes {@code vv} and {@code d} becomes {@code
 *       cl}: a letter that looks like two is written as the two, as TR39 does for {@code m};
 *   <li>{@code _}, {@code .} and {@code -} are one class, written {@code _}, and a run of them
 *       counts as one: {@code john.smith}, {@code john-smith} and {@code john__smith} are the same
 *       name to a reader.
 * </ol>
 *
 * <p>TR39's own table maps, within ASCII, only {@code 0}, {@code 1}, {@code I}, {@code |} and
 * {@code m} ({@code |} is not allowed in a username); {@code w} and {@code d}, and the separator
 * class, are this project's additions.
 *
 * <p>Why a letter becomes two and not the other way round: every character then has one image of
 * its own, so two names have equal skeletons exactly when they read alike under these rules, and
 * the skeleton is canonical (a UNIQUE index on it enforces the check). Contracting instead ({@code
 * rn} to {@code m}) depends on how the pairs are cut: {@code vvv} would become {@code wv} while
 * {@code vw}, which looks the same, stays {@code vw}.
 *
 * <p>The rules are applied after case folding, so they also join upper-case pairs that do not look
 * alike ({@code RN} and {@code M}, {@code CL} and {@code D}); a name refused that way is a small
 * price. Conversely the skeleton is not a case-insensitive key: {@code ALICE} ({@code allce}) and
 * {@code alice} ({@code alice}) differ because capital {@code I} reads as {@code l}. Names equal
 * under {@link Usernames#key} are one account, which is checked before the skeleton.
 *
 * <p>Changing these rules changes stored skeletons: the relay would need a new schema step that
 * computes them again.
 */
public final class UsernameSkeleton {
  private UsernameSkeleton() {}

  /**
   * The skeleton of {@code username}, at most twice its length.
   *
   * @throws IllegalArgumentException if {@code username} is not a valid username
   */
  public static String of(String username) {
    if (!Usernames.isValid(username)) {
      throw new IllegalArgumentException("not a valid username");
    }
    return fold(username, 0);
  }

  /**
   * The rules above applied to {@code name} from index {@code from}, whose characters are of {@code
   * A-Z a-z 0-9 _ . -}; shared with {@link RoomSkeleton}, whose names are of a subset.
   */
  static String fold(String name, int from) {
    StringBuilder out = new StringBuilder(2 * (name.length() - from));
    boolean afterSeparator = false;
    for (int i = from; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == 'I') {
        c = 'l';
      } else if (c >= 'A' && c <= 'Z') {
        c = (char) (c + ('a' - 'A'));
      }
      boolean separator = c == '_' || c == '.' || c == '-';
      if (separator && afterSeparator) {
        continue;
      }
      afterSeparator = separator;
      switch (c) {
        case '_', '.', '-' -> out.append('_');
        case '1' -> out.append('l');
        case '0' -> out.append('o');
        case 'm' -> out.append("rn");
        case 'w' -> out.append("vv");
        case 'd' -> out.append("cl");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** True if the two valid usernames have the same skeleton. */
  public static boolean looksAlike(String a, String b) {
    return of(a).equals(of(b));
  }
}
