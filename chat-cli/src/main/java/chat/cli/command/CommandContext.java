package chat.cli.command;

import chat.cli.CommandException;
import chat.cli.client.ChatClient;
import chat.cli.client.ChatMessage;
import chat.cli.client.FileOffer;
import chat.cli.client.InputRules;
import chat.cli.client.Posted;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a front end (TUI, line mode, script runner) offers the command layer: the client, the
 * current conversation, and a place to show output. Implementations sanitize every string that
 * reaches the terminal.
 */
public interface CommandContext {
  /** The session with the relay. */
  ChatClient client();

  /** The conversation plain text goes to, if one is selected. */
  Optional<String> currentConversation();

  /** Makes {@code conversation} the current one. */
  void switchTo(String conversation);

  /**
   * Makes none current: the command left the current conversation and none other is left. By
   * default nothing, for a front end that sees it by itself.
   */
  default void switchToNone() {}

  /** Shows a message in its conversation. */
  void showMessage(ChatMessage message);

  /**
   * Shows a file offer a command listed ({@code /history}) as this front end shows one that
   * arrives; by default an informational line such as {@code alice offers report.pdf (2.9 MiB):
   * /file accept a071cf0f}.
   */
  default void showOffer(FileOffer offer) {
    info(FileText.offer(offer, "/file accept"));
  }

  /**
   * Shows the messages and file offers a command listed ({@code /history}), oldest first, right
   * after the heading it showed: every one of them, even those already on screen.
   */
  default void showListed(List<Posted> listed) {
    for (Posted posted : listed) {
      if (posted instanceof ChatMessage message) {
        showMessage(message);
      } else {
        showOffer((FileOffer) posted);
      }
    }
  }

  /** Shows an informational line (system colour). */
  void info(String text);

  /** Shows an error line. */
  void error(String text);

  /**
   * Shows help text written in lines of at most 80 columns ({@code /help COMMAND}). By default each
   * line as it is; a front end that wraps text to its own width shows {@link HelpText#paragraphs}
   * instead, so the fixed breaks do not leave single words on lines of their own.
   */
  default void help(List<String> lines) {
    lines.forEach(this::info);
  }

  /**
   * The keys this front end has besides typing a line, for {@code /help keys}: one entry each, the
   * key and what it does ({@code Alt+1..Alt+9 go to conversation 1 to 9}). None by default (a
   * script).
   */
  default List<String> keys() {
    return List.of();
  }

  /**
   * Shows the {@code /help} list of commands: by default {@code table}, its rows at most 80 columns
   * wide with the summaries in a column of their own; a front end that wraps text to its own width
   * shows {@code entries} instead, a line per command, as a table wrapped again there breaks inside
   * its columns.
   */
  default void helpList(List<String> table, List<String> entries) {
    table.forEach(this::info);
  }

  /**
   * Asks for a secret on a masked prompt; never echoed, never stored in input history. A script
   * runner answers from the environment or a file instead, which is why the kind is given. The
   * caller zeroes the array when done.
   *
   * @throws chat.cli.CommandException.Auth if no secret can be had (no terminal, nothing set)
   */
  char[] readSecret(SecretKind kind, String prompt);

  /**
   * Where {@link #readSecret} takes the secret of {@code kind} from without asking (a variable's
   * name such as {@code CHAT_PASSPHRASE}, or a file), if it does: a command that finds it refused
   * says so, never the value. Empty when it is asked for, and by default.
   */
  default Optional<String> secretSource(SecretKind kind) {
    return Optional.empty();
  }

  /**
   * Whether a command that logs in names the secrets it took without asking ({@link #secretSource})
   * in the line that says it worked: where a person expects to be asked for them (the full screen,
   * line mode), so that one who types a password anyway sees why before it goes out as a message.
   * Not in a script, which takes them so as a rule. False by default.
   */
  default boolean namesGivenSecrets() {
    return false;
  }

  /**
   * The secret of {@code kind} given without asking (an option, a variable or a file), if there is
   * one: {@link #readNewSecret} takes it once instead of asking twice. Empty by default.
   */
  default Optional<char[]> givenSecret(SecretKind kind) {
    return Optional.empty();
  }

  /**
   * Asks for a new secret (for {@code /register}). The {@link #givenSecret} is taken once; where a
   * person types it, as here by default, it is asked twice and the two must match; a script runner
   * that reads secrets from the environment or a file overrides this to read once. An empty first
   * entry is returned without asking again, for the caller to refuse; a new password too short
   * ({@link InputRules#requireNewPassword}) is refused before it is asked again, so that it is not
   * typed twice in vain (a passphrase's rule depends on what it is for: its caller checks it). The
   * caller zeroes the array when done.
   *
   * @throws chat.cli.CommandException.Usage if the two entries differ (both are zeroed)
   * @throws chat.cli.CommandException.Auth if no secret can be had, or the first is too short
   */
  default char[] readNewSecret(SecretKind kind, String prompt) {
    Optional<char[]> given = givenSecret(kind);
    if (given.isPresent()) {
      return given.get();
    }
    String what = kind.noun();
    char[] first = readSecret(kind, prompt);
    if (first.length == 0) {
      return first; // nothing to repeat: refused at once
    }
    char[] again = null;
    try {
      if (kind == SecretKind.PASSWORD || kind == SecretKind.NEW_PASSWORD) {
        InputRules.requireNewPassword(first);
      }
      again = readSecret(kind, "repeat the " + what + ": ");
      if (!Arrays.equals(first, again)) {
        throw new CommandException.Usage("the " + what + "s do not match; nothing was set");
      }
      return first;
    } catch (RuntimeException e) {
      Arrays.fill(first, '\0');
      throw e;
    } finally {
      if (again != null) {
        Arrays.fill(again, '\0');
      }
    }
  }

  /**
   * Opens this front end's emoji picker showing the emoji that match {@code filter} (empty for
   * all), if it has one, and returns true; returns false when it has none (the default), and {@code
   * /emoji} then lists the matches as text instead.
   */
  default boolean openEmojiPicker(String filter) {
    return false;
  }

  /**
   * This user's file {@code offer}, sent in the background, is now in its conversation: the relay
   * does not echo an offer to the connection that made it, so a front end that shows conversations
   * lists that one and shows the offer in it ("you offered …"), as it shows a message sent. {@code
   * said} is the line that says it was sent ("sent … as file …"): a front end may leave it out
   * where the offer itself is shown to the user already. By default {@link #info} of {@code said}.
   */
  default void offered(FileOffer offer, String said) {
    info(said);
  }

  /**
   * Goes to this front end's status window, where command output and notices go, if it has one
   * ({@code /switch status} in the full screen), and returns true; returns false when it has none
   * (the default).
   */
  default boolean switchToStatus() {
    return false;
  }

  /**
   * The conversations in the order this front end numbers them ({@code /switch 2}): the full screen
   * numbers its list as drawn; by default the client's own order.
   */
  default List<String> numberedConversations() {
    return client().conversations();
  }

  /**
   * Whether this front end shows the relay's events as they come, the echo of this user's own group
   * actions included (the TUI and line mode do; a script does not). A command whose change the
   * relay announces to everyone then leaves the announcing to that event instead of saying it
   * twice.
   */
  default boolean showsOwnEvents() {
    return false;
  }

  /**
   * Runs a task that may take minutes, such as a file transfer, described as {@code what} (e.g.
   * {@code sending report.pdf}). By default it runs at once on the calling thread, so a script
   * waits for it and its failure is the line's failure. Interactive front ends run it in the
   * background, so typing goes on, and show a failure as an error line.
   */
  default void runLong(String what, Runnable task) {
    runLong(() -> what, task);
  }

  /**
   * As {@link #runLong(String, Runnable)}, with {@code what} asked for each time the task is named
   * (when it fails or is cut off), so a task can name what it works on once it knows (the file's
   * name rather than the id typed).
   */
  default void runLong(Supplier<String> what, Runnable task) {
    task.run();
  }

  /**
   * Drops {@code conversation}'s pane, for a front end with a pane per conversation: a private one
   * opened here that was never written in, so the relay has nothing to close. By default nothing.
   */
  default void dropPane(String conversation) {}

  /** Clears the current conversation's pane or the screen. */
  void clear();

  /** Ends the front end after the current command. */
  void quit();
}
