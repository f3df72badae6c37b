package dev.ferry.worker.cdc.change;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Writes and reads row images bit for bit (see {@link RowChange} for the value types): strings
 * as their UTF-16 chars, so that every char survives, floating-point values as their raw bits.
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
      out.writeByte(STRING);
      out.writeInt(s.length());
      out.writeChars(s);
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
      case STRING -> {
        char[] chars = new char[in.readInt()];
        for (int i = 0; i < chars.length; i++) {
          chars[i] = in.readChar();
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
