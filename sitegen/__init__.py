"""sitegen: a static archive site generator for news.

The stages, in the order a build runs them: content (load), site (route), render, output (write), search
(index); incremental says what a rebuild may skip, importing brings raw archives into content/, serve and
commands are the other commands. build.py is the pipeline as a list of steps.
"""
