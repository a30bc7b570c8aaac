// Names of the database's constraints (to check the schema is applied). No parameters.
// Rows: name.
SHOW CONSTRAINTS YIELD name
RETURN name
