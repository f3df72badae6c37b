package dev.ferry.worker.cdc.change;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Writes and reads row images bit for bit (see {@link RowChange} for the value types): strings
 * as their UTF-16 chars, so that every char survives (one byte a char when every char is in
 * Latin-1, which is then exact too), floating-point values as their raw bits. Strings go to and
 * from the stream as one byte array each: a call per char costs more than the rest together.
 */
final class RowCodec {

  private static final byte NULL = 0;
  private static final byte STRING = 1;
  private static final byte BYTES = 2;
  private static final byte LONG = 3;
  private static final byte BIG_INTEGER = 4;
  private static final byte DECIMAL = 5;
  private static final byte FLOAT = 6;
  private static final byte DOUBLE = 7;
  private static final byte INTEGER = 8;
  private static final byte LATIN1_STRING = 9;

  private RowCodec() {}

  static void writeImage(DataOutput out, Object[] image) throws IOException {
    if (image == null) {
      out.writeInt(-1);
      return;
    }
    out.writeInt(image.length);
    for (Object value : image) {
      writeValue(out, value);
    }
  }

  static Object[] readImage(DataInput in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      return null;
    }
    Object[] image = new Object[length];
    for (int i = 0; i < length; i++) {
      image[i] = readValue(in);
    }
    return image;
  }

  private static void writeValue(DataOutput out, Object value) throws IOException {
    if (value == null) {
      out.writeByte(NULL);
    } else if (value instanceof String s) {
      writeString(out, s);
    } else if (value instanceof byte[] b) {
      out.writeByte(BYTES);
      writeBytes(out, b);
    } else if (value instanceof Long l) {
      out.writeByte(LONG);
      out.writeLong(l);
    } else if (value instanceof Integer i) {
      out.writeByte(INTEGER);
      out.writeInt(i);
    } else if (value instanceof BigInteger b) {
      out.writeByte(BIG_INTEGER);
      writeBytes(out, b.toByteArray());
    } else if (value instanceof BigDecimal d) {
      out.writeByte(DECIMAL);
      out.writeInt(d.scale());
      writeBytes(out, d.unscaledValue().toByteArray());
    } else if (value instanceof Float f) {
      out.writeByte(FLOAT);
      out.writeInt(Float.floatToRawIntBits(f));
    } else if (value instanceof Double d) {
      out.writeByte(DOUBLE);
      out.writeLong(Double.doubleToRawLongBits(d));
    } else {
      throw new IllegalArgumentException("a row value of type " + value.getClass().getName()
          + " cannot be spilled to disk");
    }
  }

  private static Object readValue(DataInput in) throws IOException {
    byte tag = in.readByte();
    return switch (tag) {
      case NULL -> null;
      case LATIN1_STRING -> new String(readBytes(in), StandardCharsets.ISO_8859_1);
      case STRING -> {
        byte[] bytes = readBytes(in);
        char[] chars = new char[bytes.length / 2];
        for (int i = 0; i < chars.length; i++) {
          chars[i] = (char) ((bytes[2 * i] & 0xff) << 8 | bytes[2 * i + 1] & 0xff);
        }
        yield new String(chars);
      }
      case BYTES -> readBytes(in);
      case LONG -> in.readLong();
      case INTEGER -> in.readInt();
      case BIG_INTEGER -> new BigInteger(readBytes(in));
      case DECIMAL -> {
        int scale = in.readInt();
        yield new BigDecimal(new BigInteger(readBytes(in)), scale);
      }
      case FLOAT -> Float.intBitsToFloat(in.readInt());
      case DOUBLE -> Double.longBitsToDouble(in.readLong());
      default -> throw new IOException("unknown value tag " + tag + " in a spill file");
    };
  }

  /** A string as Latin-1 bytes when every char fits one, else as its chars, two bytes each. */
  private static void writeString(DataOutput out, String s) throws IOException {
    int length = s.length();
    boolean latin1 = true;
    for (int i = 0; i < length && latin1; i++) {
      latin1 = s.charAt(i) <= 0xff;
    }
    if (latin1) {
      out.writeByte(LATIN1_STRING);
      writeBytes(out, s.getBytes(StandardCharsets.ISO_8859_1));
      return;
    }
    byte[] bytes = new byte[2 * length];
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      bytes[2 * i] = (byte) (c >>> 8);
      bytes[2 * i + 1] = (byte) c;
    }
    out.writeByte(STRING);
    writeBytes(out, bytes);
  }

  private static void writeBytes(DataOutput out, byte[] bytes) throws IOException {
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static byte[] readBytes(DataInput in) throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return bytes;
  }
}
