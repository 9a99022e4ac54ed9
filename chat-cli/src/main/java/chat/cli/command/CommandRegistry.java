package chat.cli.command;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The slash commands a front end understands, in {@code /help} order, looked up by name or alias.
 * {@link #standard()} is the full set shared by the TUI, the line mode and {@code chat run}.
 */
public final class CommandRegistry {
  private static final int MAX_SUGGESTION_DISTANCE = 2;

  private final List<SlashCommand> commands;

  /**
   * A registry of {@code commands}.
   *
   * @throws IllegalArgumentException if two commands share a name or alias
   */
  public CommandRegistry(List<SlashCommand> commands) {
    this.commands = List.copyOf(commands);
    Set<String> seen = new HashSet<>();
    for (SlashCommand command : this.commands) {
      for (String name : allNames(command)) {
        if (!seen.add(name)) {
          throw new IllegalArgumentException("two commands are called " + name);
        }
      }
    }
  }

  /**
   * Every standard command: account, conversations, messages, trust, help/clear/quit, groups,
   * friends and presence, emoji, and files.
   */
  public static CommandRegistry standard() {
    List<SlashCommand> all = new ArrayList<>();
    all.addAll(AccountCommands.all());
    all.addAll(ConversationCommands.all());
    all.addAll(MessageCommands.all());
    all.addAll(SearchCommand.all());
    all.addAll(TrustCommands.all());
    AtomicReference<CommandRegistry> self = new AtomicReference<>();
    all.addAll(GeneralCommands.all(self::get));
    all.addAll(GroupCommands.all());
    all.addAll(FriendCommands.all());
    all.addAll(IgnoreCommands.all());
    all.addAll(PresenceCommands.all());
    all.addAll(EmojiCommands.all());
    all.addAll(FileCommands.all());
    CommandRegistry registry = new CommandRegistry(all);
    self.set(registry);
    return registry;
  }

  /** The commands in {@code /help} order. */
  public List<SlashCommand> commands() {
    return commands;
  }

  /** The command called {@code typed} (name or alias, any case, with or without the slash). */
  public Optional<SlashCommand> find(String typed) {
    String key = key(typed);
    return commands.stream().filter(c -> c.answersTo(key)).findFirst();
  }

  /**
   * The command name or alias closest to {@code typed}, if one is near enough to be a likely typo
   * (at most two edits, or {@code typed} is the start of it).
   */
  public Optional<String> nearest(String typed) {
    String key = key(typed);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (SlashCommand command : commands) {
      for (String name : allNames(command)) {
        int distance = name.startsWith(key) ? 1 : editDistance(key, name);
        if (distance < bestDistance) {
          best = name;
          bestDistance = distance;
        }
      }
    }
    return bestDistance <= MAX_SUGGESTION_DISTANCE ? Optional.of(best) : Optional.empty();
  }

  /**
   * What to suggest for {@code typed}, a name that is no command: every command whose name (or else
   * an alias) starts with it, in alphabetical order, so that {@code /s} offers {@code /send} and
   * {@code /switch} alike; failing that, the {@link #nearest} one, if any.
   */
  public List<String> suggestions(String typed) {
    String key = key(typed);
    if (key.isEmpty()) {
      return List.of();
    }
    String familiar = FAMILIAR.get(key);
    if (familiar != null && find(familiar).isPresent()) {
      return List.of(familiar);
    }
    List<String> starting = new ArrayList<>();
    for (SlashCommand command : commands) {
      allNames(command).stream()
          .filter(name -> name.startsWith(key))
          .findFirst()
          .ifPresent(starting::add);
    }
    if (!starting.isEmpty()) {
      starting.sort(null);
      return List.copyOf(starting);
    }
    return nearest(typed).map(List::of).orElse(List.of());
  }

  /**
   * Commands of IRC clients and weechat that go by another name here, each with ours: typed from
   * habit, they are answered with the command that does the same, not with whatever name is a
   * letter away ({@code /nick} is one edit from {@code /kick}).
   */
  private static final Map<String, String> FAMILIAR =
      Map.ofEntries(
          Map.entry("names", "members"),
          Map.entry("close", "leave"),
          Map.entry("list", "rooms"),
          Map.entry("topic", "rename"),
          Map.entry("op", "admin"),
          Map.entry("deop", "deadmin"),
          Map.entry("kickban", "ban"),
          Map.entry("block", "ignore"),
          Map.entry("unblock", "unignore"),
          Map.entry("buffer", "switch"),
          Map.entry("window", "switch"));

  /** The name followed by the aliases. */
  static List<String> allNames(SlashCommand command) {
    List<String> names = new ArrayList<>();
    names.add(command.name());
    names.addAll(command.aliases());
    return names;
  }

  private static String key(String typed) {
    Objects.requireNonNull(typed, "typed");
    String key = typed.startsWith("/") ? typed.substring(1) : typed;
    return key.toLowerCase(Locale.ROOT);
  }

  /**
   * The edit distance between two short strings, a swap of two neighbouring letters counting as one
   * edit (optimal string alignment), so that {@code /hepl} is one edit from {@code /help}, not two.
   */
  static int editDistance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
