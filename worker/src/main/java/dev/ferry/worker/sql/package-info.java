/**
 * SQL text: quoted identifiers ({@link dev.ferry.worker.sql.Sql}) and table names ({@link
 * dev.ferry.worker.sql.TableRef}) for the statements the engine builds, and SQL text as tokens:
 * the one lexer of the worker ({@link dev.ferry.worker.sql.SqlLexer}, its
 * {@link dev.ferry.worker.sql.SqlToken}s and the navigation {@link dev.ferry.worker.sql.TokenScan})
 * and the one DDL reader ({@link dev.ferry.worker.sql.DdlReader}), which classifies a statement
 * ({@link dev.ferry.worker.sql.DdlChange}) and says where its table names stand in the tokens
 * ({@link dev.ferry.worker.sql.DdlStatement}), so that schema migration, CDC and the reverse
 * stream classify and rewrite a statement from the same token stream. Pure: uses only the JDK
 * and the crds API (no JDBC, no other worker package).
 *
 * <p>Own lexer rather than a parser library: JSqlParser 5.3 was tried on 54 DDL statements (the
 * forms the worker's tests use, plus MySQL/MariaDB specifics) and failed on 15: multi-table
 * {@code DROP TABLE a, b}; executable comments around keywords ({@code /*!40000 ALTER TABLE *}{@code
 * / `t` ...}); {@code DEFINER=`u`@`%`} on views, triggers, functions and procedures (4);
 * {@code ALTER TABLE t RENAME TO s.t2}; functional key parts {@code CREATE INDEX i ON t
 * ((LOWER(c)))}; {@code PARTITION BY RANGE}; the charset introducer {@code _latin1'abc'};
 * {@code DROP DATABASE IF EXISTS}; {@code CREATE EVENT}; {@code DROP INDEX i ON s.t ALGORITHM=...};
 * backquoted names with doubled backquotes in {@code RENAME TABLE}. It passed generated columns,
 * {@code CREATE OR REPLACE}, {@code IF NOT EXISTS}, {@code CHANGE COLUMN}, {@code ALGORITHM=INPLACE,
 * LOCK=NONE}. Beyond the failures, a parse tree printed back does not keep the source text
 * (comments, executable comments, spacing, the server's own spelling), which a rewrite that must
 * change only names needs; and the worker needs only kinds and names, not a full grammar.
 */
package dev.ferry.worker.sql;
