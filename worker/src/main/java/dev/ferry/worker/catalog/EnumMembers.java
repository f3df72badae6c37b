package dev.ferry.worker.catalog;

import java.util.ArrayList;
import java.util.List;

/** The members of an ENUM or SET column, read from its {@code COLUMN_TYPE}. */
public final class EnumMembers {

  private EnumMembers() {}

  /** The quoted members of {@code enum('a','b''c')} or {@code set(...)}, unquoted. */
  public static List<String> of(String columnType) {
    List<String> members = new ArrayList<>();
    int at = columnType.indexOf('(') + 1;
    while (at < columnType.length() && columnType.charAt(at) == '\'') {
      StringBuilder member = new StringBuilder();
      at++;
      while (at < columnType.length()) {
        char c = columnType.charAt(at);
        if (c == '\'' && at + 1 < columnType.length() && columnType.charAt(at + 1) == '\'') {
          member.append('\'');
          at += 2;
        } else if (c == '\'') {
          at++;
          break;
        } else if (c == '\\' && at + 1 < columnType.length()) {
          member.append(columnType.charAt(at + 1));
          at += 2;
        } else {
          member.append(c);
          at++;
        }
      }
      members.add(member.toString());
      if (at < columnType.length() && columnType.charAt(at) == ',') {
        at++;
      }
    }
    return members;
  }

}
