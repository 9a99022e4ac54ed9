package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.protocol.FileDeleteReply;
import chat.protocol.FileDeleteRequest;
import chat.protocol.Reply;
import chat.protocol.Request;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link UploadLink} of a logged-in session: file requests over its {@link TransferLink}, the
 * offer sealed and sent by an {@link EnvelopeSender}, and uploads that will not be offered deleted
 * over the connection if it is up.
 */
final class SessionUploadLink implements UploadLink {
  private static final Logger LOG = LoggerFactory.getLogger(SessionUploadLink.class);

  private final TransferLink link;
  private final EnvelopeSender sender;

  SessionUploadLink(TransferLink link, EnvelopeSender sender) {
    this.link = Objects.requireNonNull(link, "link");
    this.sender = Objects.requireNonNull(sender, "sender");
  }

  @Override
  public Reply exchange(Function<String, Request> build) {
    return link.exchange(build);
  }

  @Override
  public String username() {
    return link.session().username();
  }

  @Override
  public void checkRecipients(String conversation) {
    EnvelopeSender.checkRecipients(link.session(), conversation);
  }

  @Override
  public EnvelopeSender.Sent offer(String conversation, byte[] plaintext) {
    return sender.send(link, conversation, plaintext);
  }

  /**
   * Asks the relay to delete the upload, once and only over a connection that is up now: at worst
   * (the connection is down, or an older relay does not know {@code file_delete}) the upload stays
   * until it expires.
   */
  @Override
  public void discard(String fileId) {
    link.ifOnline()
        .ifPresent(
            relay -> {
              try {
                Reply reply = relay.exchange(new FileDeleteRequest(relay.nextId(), fileId));
                if (!(reply instanceof FileDeleteReply)) {
                  LOG.debug("the relay did not delete an unoffered upload: {}", reply);
                }
              } catch (CommandException e) {
                LOG.debug("could not delete an unoffered upload", e);
              }
            });
  }
}
