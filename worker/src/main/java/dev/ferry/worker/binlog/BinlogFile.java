package dev.ferry.worker.binlog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** One binary log file a server keeps, as {@code SHOW BINARY LOGS} lists it. */
public record BinlogFile(String name, long size) {

  /** The binlog files the server keeps, oldest first (the last one is being written). */
  public static List<BinlogFile> list(Connection connection) throws SQLException {
    List<BinlogFile> files = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SHOW BINARY LOGS")) {
      while (rs.next()) {
        files.add(new BinlogFile(rs.getString(1), rs.getLong(2)));
      }
    }
    return files;
  }
}
