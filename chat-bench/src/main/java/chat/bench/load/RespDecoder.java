package chat.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes RESP2 values (the Redis protocol): simple strings as {@link String}, errors as {@link
 * RespError}, integers as {@link Long}, bulk strings as {@code byte[]} (null for the null bulk
 * string), arrays as {@link List}. A value is emitted once it is complete.
 */
public final class RespDecoder extends ByteToMessageDecoder {
  /** A RESP error reply. */
  public record RespError(String message) {}

  private static final Object INCOMPLETE = new Object();

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    while (in.isReadable()) {
      int start = in.readerIndex();
      Object value = read(in);
      if (value == INCOMPLETE) {
        in.readerIndex(start);
        return;
      }
      out.add(value);
    }
  }

  private static Object read(ByteBuf in) {
    if (!in.isReadable()) {
      return INCOMPLETE;
    }
    byte kind = in.readByte();
    String line = line(in);
    if (line == null) {
      return INCOMPLETE;
    }
    switch (kind) {
      case '+':
        return line;
      case '-':
        return new RespError(line);
      case ':':
        return Long.parseLong(line);
      case '$':
        return bulk(in, Integer.parseInt(line));
      case '*':
        return array(in, Integer.parseInt(line));
      default:
        throw new DecoderException("not RESP: type byte " + kind);
    }
  }

  private static Object bulk(ByteBuf in, int length) {
    if (length < 0) {
      return null;
    }
    if (in.readableBytes() < length + 2) {
      return INCOMPLETE;
    }
    byte[] value = new byte[length];
    in.readBytes(value);
    in.skipBytes(2);
    return value;
  }

  private static Object array(ByteBuf in, int length) {
    if (length < 0) {
      return null;
    }
    List<Object> items = new ArrayList<>(length);
    for (int i = 0; i < length; i++) {
      Object item = read(in);
      if (item == INCOMPLETE) {
        return INCOMPLETE;
      }
      items.add(item);
    }
    return items;
  }

  private static String line(ByteBuf in) {
    int end = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\r');
    if (end < 0 || end + 1 >= in.writerIndex()) {
      return null;
    }
    String line = in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.US_ASCII);
    in.readerIndex(end + 2);
    return line;
  }

  /** The RESP encoding of a command: an array of bulk strings. */
  public static byte[] command(String... arguments) {
    StringBuilder out = new StringBuilder().append('*').append(arguments.length).append("\r\n");
    for (String argument : arguments) {
      byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
      out.append('$').append(bytes.length).append("\r\n").append(argument).append("\r\n");
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }
}
