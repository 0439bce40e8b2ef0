"""The MUR calls portal's job-opportunity XML (rmp.dtd): export an institution's open positions, import a file of calls."""
