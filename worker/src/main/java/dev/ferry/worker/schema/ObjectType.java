package dev.ferry.worker.schema;

/**
 * Kinds of schema objects Ferry creates on the target; the names are the values of
 * {@code ferry_meta.schema_objects.object_type}.
 */
public enum ObjectType {
  TABLE,
  VIEW,
  TRIGGER,
  PROCEDURE,
  FUNCTION
}
