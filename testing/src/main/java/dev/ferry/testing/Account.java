package dev.ferry.testing;

/** A row of {@code mysql.user}: a user account or, on MariaDB, a role. */
record Account(String user, String host, boolean role) {

  String dropStatement() {
    return role ? "DROP ROLE " + Sql.literal(user) : "DROP USER " + Sql.account(user, host);
  }
}
