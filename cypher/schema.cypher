// The plan graph's schema, for Neo4j 5 / Aura and ArcadeDB alike. No parameters.
// Run one statement at a time (graph.neo4j.cypher_files.statements splits on ";" at line ends); every
// statement is idempotent (IF NOT EXISTS), so the store applies this file before each first load.
// Constraint names are those of graph.exports.cypher_script (snake_case label + "_id"), so a database loaded
// from `plankg export --format cypher` gets the same constraints, not duplicates.
// A test checks that every graph.model.Label has its constraint and name index here.

// One node per id within each plan label.
CREATE CONSTRAINT goal_id IF NOT EXISTS FOR (n:Goal) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT city_positioning_id IF NOT EXISTS FOR (n:CityPositioning) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT task_id IF NOT EXISTS FOR (n:Task) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT indicator_id IF NOT EXISTS FOR (n:Indicator) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT department_id IF NOT EXISTS FOR (n:Department) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT task_force_id IF NOT EXISTS FOR (n:TaskForce) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT plan_id IF NOT EXISTS FOR (n:Plan) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT reported_figure_id IF NOT EXISTS FOR (n:ReportedFigure) REQUIRE n.id IS UNIQUE;

// Every plan node also carries PlanNode: the index behind every lookup by id alone.
CREATE CONSTRAINT plan_node_id IF NOT EXISTS FOR (n:PlanNode) REQUIRE n.id IS UNIQUE;

// Names: sorting and filtering node lists (`?q=`), Bloom search.
CREATE INDEX goal_name IF NOT EXISTS FOR (n:Goal) ON (n.name);
CREATE INDEX city_positioning_name IF NOT EXISTS FOR (n:CityPositioning) ON (n.name);
CREATE INDEX task_name IF NOT EXISTS FOR (n:Task) ON (n.name);
CREATE INDEX indicator_name IF NOT EXISTS FOR (n:Indicator) ON (n.name);
CREATE INDEX department_name IF NOT EXISTS FOR (n:Department) ON (n.name);
CREATE INDEX task_force_name IF NOT EXISTS FOR (n:TaskForce) ON (n.name);
CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name);
CREATE INDEX plan_name IF NOT EXISTS FOR (n:Plan) ON (n.name);
CREATE INDEX reported_figure_name IF NOT EXISTS FOR (n:ReportedFigure) ON (n.name);
CREATE INDEX source_name IF NOT EXISTS FOR (n:Source) ON (n.name);
