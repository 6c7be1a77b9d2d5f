"""The exploration page: project the graph for people, lay it out in time, and render one offline HTML file."""
