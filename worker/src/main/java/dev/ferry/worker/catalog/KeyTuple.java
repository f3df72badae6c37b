package dev.ferry.worker.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The values of a key at one row, as the ledgers store them (a JSON array of strings, binary
 * columns in hexadecimal). Values are read as the server's text and bound back as text (or
 * bytes), so each server compares them in the column's own collation.
 */
public record KeyTuple(List<String> values) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();

  public KeyTuple {
    values = List.copyOf(values);
  }

  /**
   * The key in the columns {@code first..first+binary.size()-1} of the current row.
   *
   * @param binary for each key column, whether its values travel as bytes
   */
  public static KeyTuple read(ResultSet rs, int first, List<Boolean> binary)
      throws SQLException {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < binary.size(); i++) {
      byte[] bytes = rs.getBytes(first + i);
      values.add(binary.get(i) ? HEX.formatHex(bytes)
          : new String(bytes, StandardCharsets.UTF_8));
    }
    return new KeyTuple(values);
  }

  /** Binds value {@code index} at {@code parameter}, as bytes when {@code binary}. */
  void bind(PreparedStatement statement, int parameter, int index, boolean binary)
      throws SQLException {
    if (binary) {
      statement.setBytes(parameter, HEX.parseHex(values.get(index)));
    } else {
      statement.setString(parameter, values.get(index));
    }
  }

  /** The key for people: values separated by commas, binary values as {@code 0x…}. */
  public String display(List<Boolean> binary) {
    List<String> shown = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      shown.add(binary.get(i) ? "0x" + values.get(i) : values.get(i));
    }
    return String.join(", ", shown);
  }

  /** The JSON array stored in the ledgers; null stays null (an open end). */
  public static String json(KeyTuple key) {
    if (key == null) {
      return null;
    }
    try {
      return JSON.writeValueAsString(key.values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a list of strings always serializes", e);
    }
  }

  /** Parses {@link #json}; null stays null. */
  public static KeyTuple parse(String json) {
    if (json == null) {
      return null;
    }
    try {
      return new KeyTuple(JSON.readValue(json, new TypeReference<List<String>>() {}));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("chunk bound in the ledger is not a JSON array: " + json, e);
    }
  }
}
