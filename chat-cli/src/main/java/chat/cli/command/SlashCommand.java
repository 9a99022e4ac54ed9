package chat.cli.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One slash command: its name and aliases, help text, how many arguments it takes, whether it needs
 * a logged-in session, what its arguments name (for completion) and its handler.
 *
 * @param name the name without the slash, lowercase
 * @param aliases other names for it, lowercase
 * @param usage the usage line, e.g. {@code /join ROOM}
 * @param summary a one-line summary for {@code /help}
 * @param details further lines for {@code /help NAME}, examples included
 * @param minArgs the fewest arguments it accepts
 * @param maxArgs the most arguments it accepts, or {@link #UNLIMITED}
 * @param needsLogin whether it refuses to run before {@code /login} or {@code /register}
 * @param acceptsLines whether input of several lines (a paste) may run it: only commands whose text
 *     may span lines ({@code /send}, {@code /me}, {@code /pm}, and {@code /verify} for a safety
 *     number pasted in rows)
 * @param argumentKinds what each argument position names, for completion
 * @param handler what it does
 */
public record SlashCommand(
    String name,
    List<String> aliases,
    String usage,
    String summary,
    List<String> details,
    int minArgs,
    int maxArgs,
    boolean needsLogin,
    boolean acceptsLines,
    List<ArgumentKind> argumentKinds,
    CommandHandler handler) {
  /** {@link #maxArgs} for a command that takes free text. */
  public static final int UNLIMITED = Integer.MAX_VALUE;

  /** Validates the fields. */
  public SlashCommand {
    Objects.requireNonNull(name, "name");
    aliases = List.copyOf(aliases);
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(summary, "summary");
    details = List.copyOf(details);
    argumentKinds = List.copyOf(argumentKinds);
    Objects.requireNonNull(handler, "handler");
    if (!name.matches("[a-z]+") || minArgs < 0 || maxArgs < minArgs) {
      throw new IllegalArgumentException("bad command definition: " + name);
    }
  }

  /** Starts a command definition called {@code name} with its usage line and summary. */
  public static Builder named(String name, String usage, String summary) {
    return new Builder(name, usage, summary);
  }

  /** What argument position {@code index} names; {@link ArgumentKind#OTHER} past the list. */
  public ArgumentKind argumentKind(int index) {
    return index < argumentKinds.size() ? argumentKinds.get(index) : ArgumentKind.OTHER;
  }

  /** Whether {@code typed} (lowercase, without slash) is this command's name or an alias. */
  public boolean answersTo(String typed) {
    String key = typed.toLowerCase(Locale.ROOT);
    return name.equals(key) || aliases.contains(key);
  }

  /** Builds a {@link SlashCommand} step by step. */
  public static final class Builder {
    private final String name;
    private final String usage;
    private final String summary;
    private final List<String> aliases = new ArrayList<>();
    private final List<String> details = new ArrayList<>();
    private final List<ArgumentKind> kinds = new ArrayList<>();
    private int minArgs;
    private int maxArgs;
    private boolean needsLogin = true;
    private boolean acceptsLines;

    private Builder(String name, String usage, String summary) {
      this.name = name;
      this.usage = usage;
      this.summary = summary;
    }

    /** Adds other names. */
    public Builder aliases(String... names) {
      aliases.addAll(List.of(names));
      return this;
    }

    /** Accepts from {@code min} to {@code max} arguments. */
    public Builder arguments(int min, int max) {
      this.minArgs = min;
      this.maxArgs = max;
      return this;
    }

    /** What each argument position names, for completion. */
    public Builder completes(ArgumentKind... argumentKinds) {
      kinds.addAll(List.of(argumentKinds));
      return this;
    }

    /** Lets the command run before login. */
    public Builder withoutLogin() {
      this.needsLogin = false;
      return this;
    }

    /** Lets input of several lines run the command (its text may span lines). */
    public Builder acceptsLines() {
      this.acceptsLines = true;
      return this;
    }

    /** Adds help lines shown by {@code /help NAME}. */
    public Builder help(String... lines) {
      details.addAll(List.of(lines));
      return this;
    }

    /** The finished command running {@code handler}. */
    public SlashCommand runs(CommandHandler handler) {
      return new SlashCommand(
          name,
          aliases,
          usage,
          summary,
          details,
          minArgs,
          maxArgs,
          needsLogin,
          acceptsLines,
          kinds,
          handler);
    }
  }
}
