package chat.cli.client;

/** Makes a {@link ChatClient} for some options; built once in {@code Main}, replaced in tests. */
@FunctionalInterface
public interface ChatClientFactory {
  /** A client that connects on its first register, login or resume. */
  ChatClient create(ClientOptions options);
}
