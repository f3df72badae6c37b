package dev.ferry.worker.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.v1alpha1.ColumnRename;
import dev.ferry.api.v1alpha1.NameCase;
import dev.ferry.api.v1alpha1.TableRule;
import dev.ferry.worker.catalog.CollationMapping;
import dev.ferry.worker.catalog.TableMapping;
import dev.ferry.worker.db.Flavor;
import dev.ferry.worker.db.ServerInfo;
import dev.ferry.worker.sql.SqlLexer;
import dev.ferry.worker.sql.SqlToken;
import dev.ferry.worker.sql.TableRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Rewriting of source DDL text for the target, without a database. */
class DdlRewriteTest {

  private static final CollationMapping SAME = new CollationMapping(
      new ServerInfo(Flavor.MYSQL, "8.0.31", 8, 0, 31, null), Set.of("utf8mb4_0900_ai_ci"));

  private static TableMapping renamed(String schema, String table, String targetSchema,
      String targetTable, Map<String, String> columns) {
    TableRule rule = new TableRule();
    rule.setMatch(schema + "." + table);
    rule.setTargetSchema(targetSchema);
    rule.setTargetTable(targetTable);
    columns.forEach((from, to) -> {
      ColumnRename rename = new ColumnRename();
      rename.setFrom(from);
      rename.setTo(to);
      rule.getColumns().add(rename);
    });
    return TableMapping.of(new TableRef(schema, table), Optional.of(rule), NameCase.Keep);
  }

  private static TableMapping same(String schema, String table) {
    return TableMapping.of(new TableRef(schema, table), Optional.empty(), NameCase.Keep);
  }

  @Test
  void tokenizerKeepsTextAndSeesQuotedNamesStringsAndComments() {
    String sql = "SELECT `a``b`, 'it''s `x`', \"q\\\"s\" -- `c`\n/* `d` */ /*!50100 `e` */ @`v`";
    List<SqlToken> tokens = SqlLexer.tokenize(sql);

    assertThat(SqlLexer.render(tokens)).isEqualTo(sql);
    assertThat(tokens.stream().filter(t -> t.kind() == SqlToken.Kind.QUOTED_ID)
        .map(SqlToken::name)).containsExactly("a`b", "e");
    assertThat(tokens.stream().filter(t -> t.kind() == SqlToken.Kind.STRING)
        .map(SqlToken::text)).containsExactly("'it''s `x`'", "\"q\\\"s\"");
    assertThat(SqlLexer.tokenize("/*M!100100 `m` */").get(2).name()).isEqualTo("m");
    assertThat(SqlLexer.tokenize("\"ansi\"", "ANSI_QUOTES").get(0).kind())
        .isEqualTo(SqlToken.Kind.QUOTED_ID);
  }

  @Test
  void createTableRenamesTableAndColumnsEverywhereButInStringsAndComments() {
    TableMapping orders = renamed("shop", "orders", "store", "purchases",
        Map.of("cust_id", "customer_id", "total", "amount"));
    NameMap names = new NameMap();
    names.addTable(orders);
    String ddl = "CREATE TABLE `orders` (\n"
        + "  `id` int NOT NULL AUTO_INCREMENT,\n"
        + "  `cust_id` int NOT NULL COMMENT 'the `cust_id` of the buyer',\n"
        + "  `total` decimal(10,2) DEFAULT NULL,\n"
        + "  `total2` decimal(11,2) GENERATED ALWAYS AS ((`total` * 2)) VIRTUAL,\n"
        + "  PRIMARY KEY (`id`),\n"
        + "  KEY `cust_id` (`cust_id`,`total`),\n"
        + "  CONSTRAINT `orders_self` FOREIGN KEY (`cust_id`) REFERENCES `orders` (`id`),\n"
        + "  CONSTRAINT `chk` CHECK ((`total` >= 0))\n"
        + ") ENGINE=InnoDB AUTO_INCREMENT=7 DEFAULT CHARSET=utf8mb4\n"
        + "/*!50100 PARTITION BY RANGE (`cust_id`)\n(PARTITION p0 VALUES LESS THAN (10)) */";

    TableDdl.Result result =
        TableDdl.rewrite(ddl, orders, names, ref -> false, SAME, Flavor.MYSQL);

    assertThat(result.ddl())
        .startsWith("CREATE TABLE `store`.`purchases` (")
        .contains("`customer_id` int NOT NULL COMMENT 'the `cust_id` of the buyer'")
        .contains("`amount` decimal(10,2)")
        .contains("GENERATED ALWAYS AS ((`amount` * 2))")
        .contains("KEY `cust_id` (`customer_id`,`amount`)")
        .contains("FOREIGN KEY (`customer_id`) REFERENCES `store`.`purchases` (`id`)")
        .contains("CHECK ((`amount` >= 0))")
        .contains("AUTO_INCREMENT=7")
        .contains("PARTITION BY RANGE (`customer_id`)");
    assertThat(result.warnings()).isEmpty();
  }

  @Test
  void mariaDbTargetsGetNoExpressionIndexesAndAPlainInvisible() {
    TableMapping people = same("shop", "people");
    NameMap names = new NameMap();
    names.addTable(people);
    String ddl = "CREATE TABLE `people` (\n  `id` int NOT NULL,\n  `name` varchar(40),\n"
        + "  `hidden` int DEFAULT NULL /*!80023 INVISIBLE */,\n"
        + "  PRIMARY KEY (`id`),\n"
        + "  KEY `by_lower` ((lower(`name`))),\n"
        + "  UNIQUE KEY `mixed` (`id`,(abs(`hidden`))),\n"
        + "  KEY `plain` (`name`(10)),\n"
        + "  CONSTRAINT `chk` CHECK (((`id` > 0) and (`id` < 100)))\n"
        + ") ENGINE=InnoDB";

    TableDdl.Result onMariaDb =
        TableDdl.rewrite(ddl, people, names, ref -> false, SAME, Flavor.MARIADB);
    TableDdl.Result onMySql =
        TableDdl.rewrite(ddl, people, names, ref -> false, SAME, Flavor.MYSQL);

    assertThat(onMariaDb.ddl()).doesNotContain("by_lower").doesNotContain("mixed")
        .contains("KEY `plain` (`name`(10))").contains("`hidden` int DEFAULT NULL  INVISIBLE")
        .doesNotContain("/*!80023")
        .contains("CONSTRAINT `chk` CHECK (((`id` > 0) and (`id` < 100)))");
    assertThat(onMariaDb.warnings()).hasSize(2).allSatisfy(warning -> assertThat(warning)
        .contains("shop.people").contains("indexes an expression").contains("generated column"));
    assertThat(onMariaDb.warnings().get(0)).contains("mixed");
    assertThat(onMySql.ddl()).isEqualTo(ddl.replace("CREATE TABLE `people`",
        "CREATE TABLE `shop`.`people`"));
    assertThat(onMySql.warnings()).isEmpty();
  }

  @Test
  void foreignKeyToRenamedTableFollowsTheRenameAndToAMissingTableIsDropped() {
    TableMapping parent = renamed("shop", "parent", "shop", "mother", Map.of("pid", "mother_id"));
    TableMapping child = same("shop", "child");
    NameMap names = new NameMap();
    names.addTable(parent);
    names.addTable(child);
    String ddl = "CREATE TABLE `child` (\n  `id` int NOT NULL,\n  `pid` int,\n  `oid` int,\n"
        + "  KEY `pid` (`pid`),\n"
        + "  CONSTRAINT `to_parent` FOREIGN KEY (`pid`) REFERENCES `parent` (`pid`)"
        + " ON DELETE CASCADE,\n"
        + "  CONSTRAINT `to_other` FOREIGN KEY (`oid`) REFERENCES `other`.`gone` (`id`)\n"
        + ") ENGINE=InnoDB";

    TableDdl.Result result =
        TableDdl.rewrite(ddl, child, names, ref -> false, SAME, Flavor.MYSQL);

    assertThat(result.ddl())
        .contains("FOREIGN KEY (`pid`) REFERENCES `shop`.`mother` (`mother_id`) ON DELETE CASCADE")
        .doesNotContain("to_other")
        .endsWith("REFERENCES `shop`.`mother` (`mother_id`) ON DELETE CASCADE\n) ENGINE=InnoDB");
    assertThat(result.warnings()).singleElement().asString()
        .contains("to_other", "other.gone");
    assertThat(TableDdl.rewrite(ddl, child, names, ref -> true, SAME, Flavor.MYSQL).ddl())
        .contains("REFERENCES `other`.`gone` (`id`)");
  }

  @Test
  void viewLosesDefinerBecomesInvokerAndFollowsRenames() {
    TableMapping orders =
        renamed("shop", "orders", "store", "purchases", Map.of("total", "amount"));
    TableMapping view = same("shop", "big_orders");
    NameMap names = new NameMap();
    names.addTable(orders);
    names.addView(view);
    String mysql = "CREATE ALGORITHM=UNDEFINED DEFINER=`root`@`localhost` SQL SECURITY DEFINER"
        + " VIEW `big_orders` AS select `shop`.`orders`.`total` AS `total` from `shop`.`orders`"
        + " where (`shop`.`orders`.`total` > 'shop.orders')";
    String mariadb = "CREATE ALGORITHM=UNDEFINED DEFINER=`root`@`%` SQL SECURITY DEFINER"
        + " VIEW `big_orders` AS select `orders`.`total` AS `total` from `orders`";

    assertThat(ViewDdl.rewrite(mysql, view, names, SAME)).isEqualTo(
        "CREATE ALGORITHM=UNDEFINED SQL SECURITY INVOKER VIEW `shop`.`big_orders` AS select"
            + " `store`.`purchases`.`amount` AS `total` from `store`.`purchases`"
            + " where (`store`.`purchases`.`amount` > 'shop.orders')");
    assertThat(ViewDdl.rewrite(mariadb, view, names, SAME)).isEqualTo(
        "CREATE ALGORITHM=UNDEFINED SQL SECURITY INVOKER VIEW `shop`.`big_orders` AS select"
            + " `store`.`purchases`.`amount` AS `total` from `store`.`purchases`");
  }

  @Test
  void lowerNameCaseAppliesToTableAndEveryColumn() {
    TableMapping mixed = TableMapping.of(new TableRef("Shop", "MixedCase"), Optional.empty(),
        NameCase.Lower);
    NameMap names = new NameMap();
    names.addTable(mixed);
    String ddl = "CREATE TABLE `MixedCase` (\n  `Id` int NOT NULL,\n  `Ref` int,\n"
        + "  PRIMARY KEY (`Id`),\n  KEY `ByRef` (`Ref`),\n"
        + "  CONSTRAINT `Self` FOREIGN KEY (`Ref`) REFERENCES `MixedCase` (`Id`)\n)";

    assertThat(TableDdl.rewrite(ddl, mixed, names, ref -> false, SAME, Flavor.MYSQL).ddl()).isEqualTo(
        "CREATE TABLE `shop`.`mixedcase` (\n  `id` int NOT NULL,\n  `ref` int,\n"
            + "  PRIMARY KEY (`id`),\n  KEY `ByRef` (`ref`),\n"
            + "  CONSTRAINT `Self` FOREIGN KEY (`ref`) REFERENCES `shop`.`mixedcase` (`id`)\n)");
  }

  @Test
  void viewsAreOrderedAfterTheViewsTheyUse() {
    TableRef a = new TableRef("s", "a_top");
    TableRef b = new TableRef("s", "b_middle");
    TableRef c = new TableRef("s", "c_base");
    TableRef t = new TableRef("s", "table");
    Map<TableRef, Set<TableRef>> uses = new java.util.LinkedHashMap<>();
    uses.put(a, Set.of(b));
    uses.put(b, Set.of(c, t));
    uses.put(c, Set.of(t));

    assertThat(ViewOrder.sort(uses)).containsExactly(c, b, a);
  }

  @Test
  void routineBecomesInvokerWithOrWithoutSecurityClause() {
    NameMap names = new NameMap();
    names.addTable(renamed("shop", "orders", "shop", "purchases", Map.of()));
    TableRef proc = new TableRef("shop", "count_orders");
    String withClause = "CREATE DEFINER=`root`@`%` PROCEDURE `count_orders`(OUT n INT)\n"
        + "    SQL SECURITY DEFINER\nBEGIN SELECT COUNT(*) INTO n FROM orders; END";
    String withoutClause = "CREATE DEFINER=`root`@`%` FUNCTION `f`(x INT) RETURNS varchar(20)"
        + " CHARSET utf8mb4 COLLATE utf8mb4_0900_ai_ci\n    DETERMINISTIC\n"
        + "RETURN CONCAT(x, 'SQL SECURITY DEFINER')";

    assertThat(RoutineDdl.rewrite(withClause, "", ObjectType.PROCEDURE, proc, proc, names, SAME))
        .isEqualTo("CREATE PROCEDURE `shop`.`count_orders`(OUT n INT)\n    SQL SECURITY INVOKER\n"
            + "BEGIN SELECT COUNT(*) INTO n FROM `purchases`; END");
    assertThat(RoutineDdl.rewrite(withoutClause, "", ObjectType.FUNCTION,
        new TableRef("shop", "f"), new TableRef("shop", "f"), names, SAME))
        .isEqualTo("CREATE FUNCTION `shop`.`f`(x INT) RETURNS varchar(20) CHARSET utf8mb4"
            + " COLLATE utf8mb4_0900_ai_ci\n    DETERMINISTIC\nSQL SECURITY INVOKER"
            + " RETURN CONCAT(x, 'SQL SECURITY DEFINER')");
  }

  @Test
  void triggerGetsTargetNamesAndRenamedRowColumns() {
    TableMapping orders =
        renamed("shop", "orders", "store", "purchases", Map.of("total", "amount"));
    NameMap names = new NameMap();
    names.addTable(orders);
    names.addTable(same("shop", "audit"));
    String statement = "CREATE DEFINER=`root`@`localhost` TRIGGER `orders_ai` AFTER INSERT ON"
        + " `orders` FOR EACH ROW FOLLOWS `other` INSERT INTO audit VALUES (NEW.total, new.`id`)";

    assertThat(TriggerDdl.rewrite(statement, "", new TableRef("store", "orders_ai"), orders, names,
        SAME)).isEqualTo("CREATE TRIGGER `store`.`orders_ai` AFTER INSERT ON"
            + " `store`.`purchases` FOR EACH ROW INSERT INTO `shop`.`audit` VALUES"
            + " (NEW.`amount`, new.`id`)");
  }

  @Test
  void collationsMissingOnTheTargetAreMapped() {
    ServerInfo mariadb114 = new ServerInfo(Flavor.MARIADB, "11.4.5-MariaDB", 11, 4, 5, null);
    ServerInfo mariadb106 = new ServerInfo(Flavor.MARIADB, "10.6.1-MariaDB", 10, 6, 1, null);
    ServerInfo mysql = new ServerInfo(Flavor.MYSQL, "8.0.31", 8, 0, 31, null);
    CollationMapping onMariaDb = new CollationMapping(mariadb114, Set.of("utf8mb4_bin"));
    CollationMapping onOldMariaDb = new CollationMapping(mariadb106, Set.of());
    CollationMapping onMySql = new CollationMapping(mysql, Set.of());

    assertThat(onMariaDb.map("utf8mb4_0900_ai_ci")).isEqualTo("utf8mb4_uca1400_ai_ci");
    assertThat(onMariaDb.map("utf8mb4_0900_as_cs")).isEqualTo("utf8mb4_uca1400_as_cs");
    assertThat(onMariaDb.map("utf8mb4_de_pb_0900_ai_ci")).isEqualTo("utf8mb4_uca1400_ai_ci");
    assertThat(onMariaDb.map("utf8mb4_0900_bin")).isEqualTo("utf8mb4_bin");
    assertThat(onOldMariaDb.map("utf8mb4_0900_ai_ci")).isEqualTo("utf8mb4_unicode_520_ci");
    assertThat(onMySql.map("utf8mb4_uca1400_ai_ci")).isEqualTo("utf8mb4_0900_ai_ci");
    assertThat(onMySql.map("utf8mb4_uca1400_nopad_as_cs")).isEqualTo("utf8mb4_0900_as_cs");
    assertThat(onMySql.map("utf8mb3_uca1400_ai_ci")).isEqualTo("utf8mb3_unicode_520_ci");
    assertThat(onMySql.map("latin1_swedish_ci")).isEqualTo("latin1_swedish_ci");
    assertThat(new CollationMapping(mariadb114, Set.of("utf8mb4_0900_ai_ci"))
        .map("utf8mb4_0900_ai_ci")).isEqualTo("utf8mb4_0900_ai_ci");
    CollationMapping onMySql57 = new CollationMapping(
        new ServerInfo(Flavor.MYSQL, "5.7.22-log", 5, 7, 22, null), Set.of("utf8mb4_bin"));
    assertThat(onMySql57.map("utf8mb4_0900_ai_ci")).isEqualTo("utf8mb4_unicode_520_ci");
    assertThat(onMySql57.map("utf8mb4_0900_as_cs")).isEqualTo("utf8mb4_bin");
    assertThat(onMySql57.map("utf8mb4_0900_bin")).isEqualTo("utf8mb4_bin");
    assertThat(onMySql57.map("utf8mb4_uca1400_ai_ci")).isEqualTo("utf8mb4_unicode_520_ci");
    assertThat(onMySql57.map("utf8mb4_uca1400_nopad_as_cs")).isEqualTo("utf8mb4_bin");

    List<SqlToken> tokens = new java.util.ArrayList<>(SqlLexer.tokenize(
        "`a` text COLLATE utf8mb4_0900_ai_ci COMMENT 'COLLATE utf8mb4_0900_ai_ci') "
            + "DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_as_cs"));
    onMariaDb.apply(tokens);
    assertThat(SqlLexer.render(tokens)).isEqualTo("`a` text COLLATE utf8mb4_uca1400_ai_ci"
        + " COMMENT 'COLLATE utf8mb4_0900_ai_ci') DEFAULT CHARSET=utf8mb4"
        + " COLLATE=utf8mb4_uca1400_as_cs");
  }

  @Test
  void sqlModesUnknownToTheTargetAreDropped() {
    ServerInfo mysql = new ServerInfo(Flavor.MYSQL, "8.0.31", 8, 0, 31, null);
    ServerInfo mariadb = new ServerInfo(Flavor.MARIADB, "11.4.5-MariaDB", 11, 4, 5, null);
    SqlModes.Result onMySql = SqlModes.forTarget(
        "STRICT_TRANS_TABLES,ORACLE,NO_ZERO_DATE,SIMULTANEOUS_ASSIGNMENT", mysql);
    assertThat(onMySql.mode()).isEqualTo("STRICT_TRANS_TABLES,NO_ZERO_DATE");
    assertThat(onMySql.dropped()).containsExactly("ORACLE", "SIMULTANEOUS_ASSIGNMENT");
    assertThat(SqlModes.forTarget("TIME_TRUNCATE_FRACTIONAL,ANSI_QUOTES", mariadb).mode())
        .isEqualTo("ANSI_QUOTES");
  }

  @Test
  void mySql57KeepsTheModesMySql8RemovedAndLacksTimeTruncateFractional() {
    ServerInfo mysql57 = new ServerInfo(Flavor.MYSQL, "5.7.22-log", 5, 7, 22, null);
    SqlModes.Result onMySql57 = SqlModes.forTarget("STRICT_TRANS_TABLES,NO_AUTO_CREATE_USER,"
        + "NO_ENGINE_SUBSTITUTION,TIME_TRUNCATE_FRACTIONAL,SIMULTANEOUS_ASSIGNMENT", mysql57);
    assertThat(onMySql57.mode())
        .isEqualTo("STRICT_TRANS_TABLES,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION");
    assertThat(onMySql57.dropped())
        .containsExactly("TIME_TRUNCATE_FRACTIONAL", "SIMULTANEOUS_ASSIGNMENT");
    ServerInfo mysql = new ServerInfo(Flavor.MYSQL, "8.0.31", 8, 0, 31, null);
    assertThat(SqlModes.forTarget("NO_AUTO_CREATE_USER,STRICT_TRANS_TABLES", mysql).dropped())
        .containsExactly("NO_AUTO_CREATE_USER");
  }
}
