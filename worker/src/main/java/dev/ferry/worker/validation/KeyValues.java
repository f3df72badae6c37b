package dev.ferry.worker.validation;

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
 * The key of one row, as text (binary columns in hexadecimal). Values are read as the server's
 * text and bound back as text (or bytes), so each server compares them in the column's own
 * collation.
 */
record KeyValues(List<String> values) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();

  KeyValues {
    values = List.copyOf(values);
  }

  /** The key in the columns {@code first..first+key.size()-1} of the current row. */
  static KeyValues read(ResultSet rs, int first, List<ComparedColumn> key) throws SQLException {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < key.size(); i++) {
      byte[] bytes = rs.getBytes(first + i);
      values.add(key.get(i).binary() ? HEX.formatHex(bytes)
          : new String(bytes, StandardCharsets.UTF_8));
    }
    return new KeyValues(values);
  }

  /** Binds value {@code index} at {@code parameter}. */
  void bind(PreparedStatement statement, int parameter, int index, List<ComparedColumn> key)
      throws SQLException {
    if (key.get(index).binary()) {
      statement.setBytes(parameter, HEX.parseHex(values.get(index)));
    } else {
      statement.setString(parameter, values.get(index));
    }
  }

  /** The key for people: values separated by commas, binary values as {@code 0x…}. */
  String display(List<ComparedColumn> key) {
    List<String> shown = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      shown.add(key.get(i).binary() ? "0x" + values.get(i) : values.get(i));
    }
    return String.join(", ", shown);
  }

  /** The JSON array stored in the ledger; null stays null (an open end). */
  static String json(KeyValues key) {
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
  static KeyValues parse(String json) {
    if (json == null) {
      return null;
    }
    try {
      return new KeyValues(JSON.readValue(json, new TypeReference<List<String>>() {}));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("chunk bound in the ledger is not a JSON array: " + json, e);
    }
  }
}
