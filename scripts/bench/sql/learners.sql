SELECT email FROM bench.learners ORDER BY email;
