package dev.ferry.worker.fullload;

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
 * The values of a chunk key at one row, as the ledger stores them: a JSON array of strings, binary
 * columns in hexadecimal. Values are read from and bound back to the server as text (or bytes),
 * so the server compares them with the column's own collation.
 */
record KeyTuple(List<String> values) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();

  KeyTuple {
    values = List.copyOf(values);
  }

  /** The key of the current row; the key columns are the first columns of {@code rs}. */
  static KeyTuple read(ResultSet rs, List<Column> key) throws SQLException {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < key.size(); i++) {
      values.add(key.get(i).kind() == ValueKind.BINARY
          ? HEX.formatHex(rs.getBytes(i + 1))
          : new String(rs.getBytes(i + 1), StandardCharsets.UTF_8));
    }
    return new KeyTuple(values);
  }

  /** Binds value {@code index} at {@code parameter}. */
  void bind(PreparedStatement statement, int parameter, int index, List<Column> key)
      throws SQLException {
    if (key.get(index).kind() == ValueKind.BINARY) {
      statement.setBytes(parameter, HEX.parseHex(values.get(index)));
    } else {
      statement.setString(parameter, values.get(index));
    }
  }

  /** The JSON form stored in the ledger. */
  String json() {
    try {
      return JSON.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a list of strings always serializes", e);
    }
  }

  /** Parses {@link #json()}; null stays null (an open end). */
  static KeyTuple parse(String json) {
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
