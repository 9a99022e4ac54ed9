package chat.cli.client.internal;

import chat.crypto.Bytes;
import chat.crypto.Fingerprint;
import chat.crypto.Recipient;
import chat.crypto.RecipientSet;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.Frame;
import chat.protocol.FrameCodec;
import chat.protocol.FrameException;
import chat.protocol.HelloReply;
import chat.protocol.HelloRequest;
import chat.protocol.ListMembersRequest;
import chat.protocol.MemberInfo;
import chat.protocol.MembersReply;
import chat.protocol.ProtocolVersions;
import chat.protocol.Reply;
import chat.protocol.Request;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * A relay on a loopback socket that answers the hello, and each member list with the users {@code
 * members} names for the conversation, all with one key, or with the page a test makes.
 */
final class MembersRelay implements AutoCloseable {
  static final String KEY = "ab".repeat(32);
  private static final FrameCodec CODEC = new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES);

  private final ServerSocket server;
  final RelayConnection connection;

  /** The recipient set of {@code usernames}, each with the key this relay lists. */
  static Bytes recipientSet(String... usernames) {
    Fingerprint key = Fingerprint.of(HexFormat.of().parseHex(KEY));
    return RecipientSet.hash(List.of(usernames).stream().map(u -> new Recipient(u, key)).toList());
  }

  MembersRelay(Function<String, List<String>> members) throws IOException {
    this(
        (Pages)
            list ->
                new MembersReply(
                    list.id(),
                    list.conversation(),
                    members.apply(list.conversation()).stream()
                        .map(MembersRelay::member)
                        .toList()));
  }

  /** A relay answering each member list with the page {@code pages} makes. */
  static MembersRelay paged(Pages pages) throws IOException {
    return new MembersRelay(pages);
  }

  private MembersRelay(Pages pages) throws IOException {
    server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    Thread serving = new Thread(() -> serve(pages), "members-relay");
    serving.setDaemon(true);
    serving.start();
    connection =
        RelayConnection.open(
            () -> {
              try {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                return new RelayConnection.Connected(socket, socket);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            },
            CODEC,
            Duration.ofSeconds(10),
            RelayConnection.Listener.IGNORING);
  }

  /** Answers one {@code list_members}. */
  interface Pages {
    MembersReply answer(ListMembersRequest list);
  }

  /** {@code name}, listed with {@link #KEY}. */
  static MemberInfo member(String name) {
    return new MemberInfo(name, false, KEY);
  }

  private void serve(Pages pages) {
    try (Socket client = server.accept();
        InputStream in = new BufferedInputStream(client.getInputStream());
        OutputStream out = client.getOutputStream()) {
      while (true) {
        Frame frame = CODEC.read(in);
        Reply reply;
        if (frame instanceof HelloRequest hello) {
          reply = new HelloReply(hello.id(), ProtocolVersions.CURRENT, "test relay");
        } else if (frame instanceof ListMembersRequest list) {
          reply = pages.answer(list);
        } else {
          reply = ErrorReply.of(((Request) frame).id(), ErrorCode.BAD_FRAME);
        }
        CODEC.write(out, reply);
        out.flush();
      }
    } catch (IOException | FrameException e) {
      // the client closed the connection, or the test ended
    }
  }

  @Override
  public void close() throws IOException {
    connection.close();
    server.close();
  }
}
