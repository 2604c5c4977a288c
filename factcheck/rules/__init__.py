"""Problems: positions, error codes and how they are reported."""
