// Names of the database's indexes (to check the schema is applied). No parameters. Rows: name.
SHOW INDEXES YIELD name
RETURN name
