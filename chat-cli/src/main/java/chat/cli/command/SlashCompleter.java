package chat.cli.command;

import chat.cli.client.ChatClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Tab completion for the slash-command layer: command names and aliases after a leading {@code /},
 * usernames ({@link ChatClient#knownUsers()}) and rooms ({@link ChatClient#conversations()}) where
 * a command argument names one, usernames after {@code @} anywhere, then any extra {@link
 * CompletionSource}s. Every candidate starts with the word being completed, ignoring case, and
 * replaces it. Only local client state is read, except for the session ids of {@code /sessions end
 * ID}, which the relay lists ({@link SessionIdCompletion}: asked for on another thread, never
 * waited for; completing {@code end} already asks, so that the Tab on the id finds the list).
 */
public final class SlashCompleter implements InputCompleter {
  private final ChatClient client;
  private final CommandRegistry registry;
  private final List<CompletionSource> extraSources;
  private final SessionIdCompletion sessionIds;

  /** A completer for {@code registry}'s commands, with extra sources consulted after its own. */
  public SlashCompleter(
      ChatClient client, CommandRegistry registry, List<CompletionSource> extraSources) {
    this(client, registry, extraSources, SessionIdCompletion.standard(client));
  }

  /** A completer that takes the session ids of {@code /sessions end} from {@code sessionIds}. */
  SlashCompleter(
      ChatClient client,
      CommandRegistry registry,
      List<CompletionSource> extraSources,
      SessionIdCompletion sessionIds) {
    this.client = Objects.requireNonNull(client, "client");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.extraSources = List.copyOf(extraSources);
    this.sessionIds = Objects.requireNonNull(sessionIds, "sessionIds");
  }

  /** A completer for {@code registry}'s commands without extra sources. */
  public SlashCompleter(ChatClient client, CommandRegistry registry) {
    this(client, registry, List.of());
  }

  @Override
  public List<String> complete(String line, int cursor) {
    Objects.requireNonNull(line, "line");
    int end = Math.max(0, Math.min(cursor, line.length()));
    int start = end;
    while (start > 0 && !Character.isWhitespace(line.charAt(start - 1))) {
      start--;
    }
    String word = line.substring(start, end);
    Set<String> out = new LinkedHashSet<>();
    String before = line.substring(0, start);
    boolean command = line.startsWith("/") && !line.startsWith("//");
    if (command && start == 0) {
      out.addAll(commandNames(word.substring(1), "/"));
    } else if (word.startsWith("@")) {
      out.addAll(users(word));
    } else if (command) {
      out.addAll(arguments(before, word));
    }
    for (CompletionSource source : extraSources) {
      out.addAll(source.candidates(line, word));
    }
    return List.copyOf(out);
  }

  private List<String> arguments(String before, String word) {
    String[] tokens = before.strip().split("\\s+");
    String name = tokens[0].substring(1);
    int index = tokens.length - 1;
    return registry
        .find(name)
        .map(found -> byKind(found.argumentKind(index), tokens[index], word))
        .orElse(List.of());
  }

  /** Candidates for an argument of {@code kind} that follows the word {@code previous}. */
  private List<String> byKind(ArgumentKind kind, String previous, String word) {
    switch (kind) {
      case USER:
        return users(word);
      case USERS:
        int comma = word.lastIndexOf(',') + 1;
        return users(word.substring(comma)).stream().map(word.substring(0, comma)::concat).toList();
      case ROOM:
        return rooms(word);
      case CONVERSATION:
        List<String> both = new ArrayList<>(rooms(word));
        both.addAll(users(word));
        return both;
      case COMMAND:
        return commandNames(word, "");
      case SESSION_ACTION:
        if (!startsWith("end", word)) {
          return List.of();
        }
        sessionIds.refresh(); // the id comes next
        return best(List.of("end"), word);
      case SESSION_ID:
        return previous.equalsIgnoreCase("end") ? sessionIds.ids(word) : List.of();
      default:
        return List.of();
    }
  }

  /** Command names, then aliases, starting with {@code typed}; an exact match first. */
  private List<String> commandNames(String typed, String prefix) {
    List<String> names = new ArrayList<>();
    List<String> aliases = new ArrayList<>();
    for (SlashCommand command : registry.commands()) {
      if (startsWith(command.name(), typed)) {
        names.add(prefix + command.name());
      }
      command.aliases().stream()
          .filter(a -> startsWith(a, typed))
          .forEach(a -> aliases.add(prefix + a));
    }
    names.sort(null);
    aliases.sort(null);
    names.addAll(aliases);
    return best(names, prefix + typed);
  }

  /** Known users other than this one; with {@code @} when the word has it. */
  private List<String> users(String word) {
    String prefix = word.startsWith("@") ? "@" : "";
    String typed = word.substring(prefix.length());
    String self = client.username().orElse("");
    List<String> out = new ArrayList<>();
    for (String user : client.knownUsers()) {
      if (!user.equalsIgnoreCase(self) && startsWith(user, typed)) {
        out.add(prefix + user);
      }
    }
    return best(out, word);
  }

  /** Rooms this user is in: {@code #name} for an empty word or one starting with {@code #}. */
  private List<String> rooms(String word) {
    boolean hash = word.isEmpty() || word.startsWith("#");
    List<String> out = new ArrayList<>();
    for (String conversation : client.conversations()) {
      if (conversation.startsWith("#")) {
        String candidate = hash ? conversation : conversation.substring(1);
        if (startsWith(candidate, word)) {
          out.add(candidate);
        }
      }
    }
    return best(out, word);
  }

  private static boolean startsWith(String candidate, String typed) {
    return candidate.regionMatches(true, 0, typed, 0, typed.length());
  }

  /** Stable order with an exact match first, then same-case prefixes, then the rest. */
  private static List<String> best(List<String> candidates, String typed) {
    List<String> sorted = new ArrayList<>(candidates);
    sorted.sort(Comparator.comparingInt(c -> rank(c, typed)));
    return sorted;
  }

  private static int rank(String candidate, String typed) {
    if (candidate.equalsIgnoreCase(typed)) {
      return 0;
    }
    return candidate.startsWith(typed) ? 1 : 2;
  }
}
