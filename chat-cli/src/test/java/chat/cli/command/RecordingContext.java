package chat.cli.command;

import chat.cli.CommandException;
import chat.cli.client.ChatMessage;
import chat.cli.client.FakeChatClient;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A {@link CommandContext} for command tests: records every line shown as {@code "info: ..."},
 * {@code "error: ..."} or {@code "message: #conv <sender> text"}, answers secret prompts from a
 * queue, and keeps the arrays it handed out so tests can check they were zeroed.
 */
final class RecordingContext implements CommandContext {
  final FakeChatClient client = new FakeChatClient();
  final List<String> lines = new ArrayList<>();
  final List<String> prompts = new ArrayList<>();
  final List<char[]> handedOut = new ArrayList<>();
  final Deque<String> answers = new ArrayDeque<>();
  String current;
  boolean quit;
  boolean cleared;
  boolean showsOwnEvents;

  /** How each long task was described, as asked after it ran. */
  final List<Supplier<String>> longTasks = new ArrayList<>();

  /** Queues answers for the next secret prompts. */
  RecordingContext answer(String... secrets) {
    answers.addAll(List.of(secrets));
    return this;
  }

  /** Logs in {@code name} directly on the fake client and selects the lobby. */
  RecordingContext loggedInAs(String name) {
    client.login(name, "pw".toCharArray(), "pp".toCharArray());
    client.secrets.clear();
    client.calls.clear();
    current = "#lobby";
    return this;
  }

  List<String> errors() {
    return lines.stream().filter(l -> l.startsWith("error: ")).toList();
  }

  @Override
  public void runLong(Supplier<String> what, Runnable task) {
    longTasks.add(what);
    CommandContext.super.runLong(what, task);
  }

  @Override
  public FakeChatClient client() {
    return client;
  }

  /** The order a front end numbers the conversations in, as the TUI's list; null: the client's. */
  List<String> numbered;

  @Override
  public List<String> numberedConversations() {
    return numbered != null ? numbered : client.conversations();
  }

  @Override
  public Optional<String> currentConversation() {
    return Optional.ofNullable(current);
  }

  @Override
  public void switchTo(String conversation) {
    current = conversation;
  }

  @Override
  public void showMessage(ChatMessage message) {
    lines.add(
        "message: "
            + message.conversation()
            + (message.reply() == null
                ? ""
                : " " + new MessageFormatter(java.time.ZoneOffset.UTC).replyMark(message).strip())
            + (message.action() ? " * " + message.sender() : " <" + message.sender() + ">")
            + " "
            + message.text());
  }

  @Override
  public void info(String text) {
    lines.add("info: " + text);
  }

  @Override
  public void error(String text) {
    lines.add("error: " + text);
  }

  /** Where a front end took each kind of secret from without asking, as {@link #secretSource}. */
  final java.util.Map<SecretKind, String> sources = new java.util.EnumMap<>(SecretKind.class);

  @Override
  public Optional<String> secretSource(SecretKind kind) {
    return Optional.ofNullable(sources.get(kind));
  }

  /** Whether this context names the {@link #sources} a login used, as a person's front end does. */
  boolean namesGivenSecrets;

  @Override
  public boolean namesGivenSecrets() {
    return namesGivenSecrets;
  }

  /** The keys this context says it has ({@link #keys}); none, as a script. */
  List<String> keys = List.of();

  @Override
  public List<String> keys() {
    return keys;
  }

  @Override
  public char[] readSecret(SecretKind kind, String prompt) {
    prompts.add(kind + " " + prompt);
    if (answers.isEmpty()) {
      throw new CommandException.Auth("no secret available", null);
    }
    char[] secret = answers.removeFirst().toCharArray();
    handedOut.add(secret);
    return secret;
  }

  @Override
  public void clear() {
    cleared = true;
  }

  @Override
  public void quit() {
    quit = true;
  }

  @Override
  public boolean showsOwnEvents() {
    return showsOwnEvents;
  }
}
